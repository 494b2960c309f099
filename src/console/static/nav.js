// @ts-check
// Moving between the console's pages: pages and the API call `navigate` and `render` here, and
// the router (router.js) supplies the rendering, so that no page imports the router that
// imports it.

/** @type {() => Promise<void>} */
let renderPage = async () => {};

/**
 * The router's rendering of the current path; set once at start.
 * @param {() => Promise<void>} render
 */
export function onRender(render) {
  renderPage = render;
}

/** Renders the page of the current path again. */
export function render() {
  return renderPage();
}

/**
 * Goes to `path` in the console (a history entry unless `replace`) and renders it.
 * @param {string} path
 */
export function navigate(path, replace = false) {
  if (replace) history.replaceState(null, "", path);
  else history.pushState(null, "", path);
  render();
}
