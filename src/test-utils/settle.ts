import { act } from '@testing-library/react';

/**
 * Lets every promise chain that is already under way finish, inside act, so React commits the state they set
 * before the test reads the DOM. Mocked network calls answer with settled promises, so a component's whole
 * reaction is microtasks, and a macrotask runs only once the microtask queue is empty. Unlike findBy/waitFor this
 * does not poll against a wall-clock timeout, so a slow render on a loaded machine cannot fail the test.
 */
export async function settle(): Promise<void> {
  await act(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
}
