/**
 * Runs before every test file, after .config/jest-setup.ts. A failed Testing Library query reports its message and
 * the text on screen instead of the whole DOM: a Grafana drawer prints as about 800 lines, which buries the cause.
 */
import { configure } from '@testing-library/dom';

const SCREEN_TEXT_LIMIT = 500;

configure({
  getElementError: function getElementError(message, container) {
    const text = (container.textContent ?? '').replace(/\s+/g, ' ').trim();
    const shown = text.length > SCREEN_TEXT_LIMIT ? `${text.slice(0, SCREEN_TEXT_LIMIT)}…` : text;
    const error = new Error(
      [message, `Text on screen: ${shown || '(none)'}`, 'Call screen.debug() in the test to print the DOM.']
        .filter(Boolean)
        .join('\n\n')
    );
    error.name = 'TestingLibraryElementError';
    // Start the stack at the query, so Jest's code frame shows the test's line rather than this file.
    Error.captureStackTrace(error, getElementError);
    return error;
  },
});
