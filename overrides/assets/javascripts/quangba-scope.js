// The storage helpers Material's bundle expects as globals, scoped to the site (what the theme writes inline;
// written here so the portal's Content-Security-Policy needs no exception for inline script).
document.documentElement.classList.add("qb-js"); // the portal's scripts run: the phone menu starts closed

(() => {
  const scope = new URL(document.currentScript.dataset.scope, location);
  const key = (name, base) => `${base.pathname}.${name}`;
  window.__md_scope = scope;
  window.__md_hash = (text) => [...text].reduce((hash, char) => (hash << 5) - hash + char.charCodeAt(0), 0);
  window.__md_get = (name, storage = localStorage, base = window.__md_scope) =>
    JSON.parse(storage.getItem(key(name, base)));
  window.__md_set = (name, value, storage = localStorage, base = window.__md_scope) => {
    try {
      storage.setItem(key(name, base), JSON.stringify(value));
    } catch (error) {
      // storage full or refused: the preference is simply not kept
    }
  };
})();
