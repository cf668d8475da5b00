/** Grafana's menus and drawers observe their scroll indicators; jsdom has no IntersectionObserver. */
export function stubIntersectionObserver(): void {
  Object.defineProperty(window, 'IntersectionObserver', {
    configurable: true,
    value: class {
      observe() {}
      unobserve() {}
      disconnect() {}
    },
  });
}
