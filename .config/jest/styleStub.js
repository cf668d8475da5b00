// Stylesheets imported by dependencies mean nothing to jsdom; tests get an empty module instead.
module.exports = {};
