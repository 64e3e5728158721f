// Applies the colour palette a reader chose on an earlier visit, before the page is painted.
(() => {
  const palette = window.__md_get("__palette");
  if (!palette || !palette.color) return;
  if (palette.color.media === "(prefers-color-scheme)") {
    const light = matchMedia("(prefers-color-scheme: light)").matches;
    const input = document.querySelector(
      `[data-md-color-media='(prefers-color-scheme: ${light ? "light" : "dark"})']`);
    if (input) {
      for (const name of ["media", "scheme", "primary", "accent"]) {
        palette.color[name] = input.getAttribute(`data-md-color-${name}`);
      }
    }
  }
  for (const [name, value] of Object.entries(palette.color)) {
    document.body.setAttribute(`data-md-color-${name}`, value);
  }
})();
