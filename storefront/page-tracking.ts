// Single-page storefronts change routes without a page load, so Friendbuy would not see them (§4.1: call
// `track page` on route changes). We observe the History API and back/forward navigation.

/** Calls `onChange` whenever the URL's path or query changes, and once now. */
export function watchRoutes(onChange: () => void): void {
  let last = '';
  const check = () => {
    const current = location.pathname + location.search;
    if (current === last) return;
    last = current;
    onChange();
  };
  for (const method of ['pushState', 'replaceState'] as const) {
    const original = history[method];
    history[method] = function (this: History, ...args: Parameters<History['pushState']>) {
      original.apply(this, args);
      check();
    };
  }
  window.addEventListener('popstate', check);
  check();
}
