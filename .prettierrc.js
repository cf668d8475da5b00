module.exports = {
  printWidth: 120,
  singleQuote: true,
  trailingComma: 'es5',
  semi: true,
  endOfLine: 'lf',
};
