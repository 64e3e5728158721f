// The portal's behaviour: the phone menu, the photo lightbox, category grids (filters and pages) and search.
// Everything here is progressive: without this script every card shows, the menu is open, photos open as files.
// Words come from the page (data-* attributes written from the portal's locale files), never from here.
import PhotoSwipeLightbox from "../vendor/photoswipe/photoswipe-lightbox.esm.min.js";

const format = (template, values) => template.replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ""));

// -- the phone menu: a disclosure button ----------------------------------------------------------------------
const menuButton = document.querySelector(".qb-menu-button");
const sections = document.getElementById("qb-nav");
if (menuButton && sections) {
  const setOpen = (open) => {
    menuButton.setAttribute("aria-expanded", String(open));
    sections.classList.toggle("is-open", open);
  };
  menuButton.addEventListener("click", () => setOpen(menuButton.getAttribute("aria-expanded") !== "true"));
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && sections.classList.contains("is-open")) {
      setOpen(false);
      menuButton.focus();
    }
  });
}

// -- the lightbox: every photo of an entry in one gallery ---------------------------------------------------------
// Opened with a click, Enter or Space; arrows move between photos; Escape closes and returns focus to the photo.
// PhotoSwipe (vendored, see vendored.json) does the work; here it gets the portal's words, an accessible dialog
// name, and the caption and credit as text (never as HTML: they are editors' text).
const photos = document.querySelector(".qb-photos");
const article = photos && photos.closest("article");
if (article) {
  const words = photos.dataset;
  const lightbox = new PhotoSwipeLightbox({
    gallery: article,
    children: "a.qb-lightbox",
    pswpModule: () => import("../vendor/photoswipe/photoswipe.esm.min.js"),
    closeTitle: words.close,
    zoomTitle: words.zoom,
    arrowPrevTitle: words.previous,
    arrowNextTitle: words.next,
    errorMsg: words.error,
    indexIndicatorSep: " / ",
    bgOpacity: 0.92,
  });
  lightbox.on("uiRegister", () => {
    lightbox.pswp.ui.registerElement({
      name: "qb-caption",
      order: 9,
      isButton: false,
      appendTo: "root",
      onInit: (element, pswp) => {
        element.className = "qb-lightbox-caption";
        pswp.on("change", () => {
          const figure = pswp.currSlide.data.element && pswp.currSlide.data.element.closest("figure");
          element.replaceChildren();
          for (const part of figure ? figure.querySelectorAll(".qb-caption, .qb-credit") : []) {
            const line = document.createElement("p");
            line.className = part.className;
            line.textContent = part.textContent.trim();
            element.append(line);
          }
        });
      },
    });
  });
  lightbox.on("afterInit", () => {
    const dialog = lightbox.pswp.element;
    dialog.setAttribute("aria-modal", "true");
    dialog.setAttribute("aria-label", words.label);
  });
  lightbox.init();
}

// -- grids (a category's cards, the project table): filters by the form's selects, pages of items ---------------
// Each select filters on the item's data attribute named by its data-key (else its name): a space-separated list.
for (const grid of document.querySelectorAll(".qb-grid")) {
  const cards = [...grid.querySelectorAll(".qb-card, .qb-item")];
  const perPage = Number(grid.dataset.perPage) || 12;
  const form = grid.querySelector(".qb-filters");
  const status = grid.querySelector(".qb-grid__status");
  const empty = grid.querySelector(".qb-grid__empty");
  const pager = grid.querySelector(".qb-pager");
  const params = new URLSearchParams(location.search);
  const selects = form ? [...form.querySelectorAll("select")] : [];
  const keys = Object.fromEntries(selects.map((select) => [select.name, select.dataset.key || select.name]));
  const state = { page: Number(params.get("page")) || 1 };
  for (const select of selects) {
    const wanted = params.get(select.name) || "";
    state[select.name] = [...select.options].some((option) => option.value === wanted) ? wanted : "";
    select.value = state[select.name];
  }
  const matching = () => cards.filter((card) => selects.every(({ name }) => !state[name]
    || (card.dataset[keys[name]] || "").split(" ").includes(state[name])));
  const button = (label, page, disabled, current) => {
    const element = document.createElement("button");
    element.type = "button";
    element.textContent = label;
    element.disabled = disabled;
    if (current) element.setAttribute("aria-current", "page");
    if (typeof label === "number") element.setAttribute("aria-label", format(grid.dataset.page, { n: page }));
    element.addEventListener("click", () => { state.page = page; render(true); });
    return element;
  };
  const render = (moved) => {
    const list = matching();
    const pages = Math.max(1, Math.ceil(list.length / perPage));
    state.page = Math.min(Math.max(1, state.page), pages);
    const first = (state.page - 1) * perPage;
    const shown = new Set(list.slice(first, first + perPage));
    for (const card of cards) card.hidden = !shown.has(card);
    empty.hidden = list.length > 0;
    status.textContent = list.length
      ? format(grid.dataset.shown, { from: first + 1, to: first + shown.size, total: list.length }) : "";
    pager.replaceChildren();
    pager.hidden = pages < 2;
    if (pages > 1) {
      pager.append(button(grid.dataset.previous, state.page - 1, state.page === 1, false));
      for (let page = 1; page <= pages; page += 1) pager.append(button(page, page, false, page === state.page));
      pager.append(button(grid.dataset.next, state.page + 1, state.page === pages, false));
    }
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(state)) if (value && !(name === "page" && value === 1)) query.set(name, value);
    history.replaceState(null, "", `${location.pathname}${query.size ? `?${query}` : ""}${location.hash}`);
    if (moved) {
      const link = list[first] && list[first].querySelector("a");
      if (link) link.focus({ preventScroll: true });
      grid.scrollIntoView({ block: "start" });
    }
  };
  if (form) {
    form.addEventListener("change", (event) => { state[event.target.name] = event.target.value; state.page = 1; render(false); });
    form.addEventListener("submit", (event) => event.preventDefault());
  }
  render(false);
}

// -- events: one that ended after the page was built moves from "upcoming" to "past" ---------------------------------
{
  const upcoming = document.querySelector(".qb-events__list--upcoming");
  const past = document.querySelector(".qb-events__list--past");
  if (upcoming && past) {
    const now = new Date();
    const today = [now.getFullYear(), now.getMonth() + 1, now.getDate()].map((n) => String(n).padStart(2, "0")).join("-");
    for (const item of [...upcoming.children]) if (item.dataset.end < today) past.prepend(item);
    for (const list of [upcoming, past]) list.closest("section").querySelector(".qb-events__none").hidden = list.children.length > 0;
  }
}

// -- search: Pagefind's index of this page's language, loaded in chunks as a visitor types -----------------------------
const searchForm = document.querySelector(".qb-search");
if (searchForm) {
  const input = searchForm.querySelector("input");
  const panel = document.getElementById("qb-search-results");
  const status = document.getElementById("qb-search-status");
  const root = new URL(searchForm.dataset.root || "./", document.baseURI);
  let engines = null;
  let asked = 0;
  // Two views of one index: folded (every mark and đ ignored) and exact. A query typed with marks lists the
  // pages that have those exact words first ("hòa" before "hoa"); Pagefind alone ranks them equal.
  // A language with many pages is indexed in parts (quangba.site.search), listed in pagefind-entry.json: each
  // engine searches them all and ranks their results together.
  const partsOf = async () => {
    const response = await fetch(new URL("pagefind/pagefind-entry.json", root));
    const listed = response.ok ? ((await response.json()).quangba_parts || {})[document.documentElement.lang] : null;
    return (listed || []).map((part) => new URL(`pagefind/${part}`, root).pathname);
  };
  const merged = async (engine, parts, options) => {
    const { basePath, ...rest } = options;
    await Promise.all(parts.map((part) => engine.mergeIndex(part, rest)));
    return engine;
  };
  const load = async () => {
    if (!engines) {
      const [module, parts] = await Promise.all([import(new URL("pagefind/pagefind.js", root).href), partsOf()]);
      const options = { basePath: new URL("pagefind/", root).pathname, baseUrl: root.pathname, excerptLength: 18 };
      await module.options(options);
      engines = { folded: await merged(module, parts, options), options, parts, exact: null };
    }
    return engines;
  };
  const unmarked = (text) => text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d");
  const find = async (query) => {
    const found = await load();
    const all = await found.folded.search(query);
    // Made only when a query has marks, and after the folded search: it finds its files in the browser's cache.
    if (unmarked(query) !== query && !found.exact) {
      const options = { ...found.options, exactDiacritics: true };
      found.exact = merged(found.folded.createInstance(options), found.parts, options);
    }
    const first = unmarked(query) !== query ? await (await found.exact).search(query) : null;
    const seen = new Set();
    return [...((first && first.results) || []), ...((all && all.results) || [])]
      .filter((result) => !seen.has(result.id) && seen.add(result.id));
  };
  // An excerpt is text with <mark> around the matched words: rebuilt from an inert document, only as text and marks.
  const excerpt = (html) => {
    const fragment = document.createDocumentFragment();
    const inert = new DOMParser().parseFromString(`<p>${html}</p>`, "text/html").body.firstChild;
    for (const node of inert.childNodes) {
      if (node.nodeName === "MARK") {
        const mark = document.createElement("mark");
        mark.textContent = node.textContent;
        fragment.append(mark);
      } else {
        fragment.append(document.createTextNode(node.textContent));
      }
    }
    return fragment;
  };
  const close = () => { panel.hidden = true; };
  const show = (results, total, query) => {
    panel.replaceChildren();
    const words = searchForm.dataset;
    const message = total === 0 ? words.none : total === 1 ? words.one : format(words.many, { count: total });
    status.textContent = message;
    if (!total) {
      const none = document.createElement("p");
      none.className = "qb-search__message";
      none.textContent = message;
      panel.append(none);
    } else {
      const list = document.createElement("ul");
      for (const result of results) {
        const item = document.createElement("li");
        item.className = "qb-result";
        const link = document.createElement("a");
        const address = new URL(result.url, location.origin);
        address.searchParams.set("highlight", query);
        link.href = address.pathname + address.search;
        if (result.meta.image && result.meta.image.startsWith("/")) {
          const image = document.createElement("img");
          image.src = result.meta.image;
          image.alt = "";
          image.loading = "lazy";
          link.append(image);
        }
        const text = document.createElement("span");
        for (const [name, value] of [["category", result.meta.category], ["title", result.meta.title]]) {
          if (!value) continue;
          const part = document.createElement("span");
          part.className = `qb-result__${name}`;
          part.textContent = value;
          text.append(part);
        }
        const summary = document.createElement("span");
        summary.className = "qb-result__excerpt";
        summary.append(excerpt(result.excerpt || ""));
        text.append(summary);
        link.append(text);
        item.append(link);
        list.append(item);
      }
      panel.append(list);
    }
    panel.hidden = false;
  };
  const run = async () => {
    const query = input.value.trim();
    const mine = ++asked;
    if (!query) { close(); status.textContent = ""; return; }
    status.textContent = searchForm.dataset.loading;
    const found = await find(query);
    if (mine !== asked) return;
    const results = await Promise.all(found.slice(0, 8).map((result) => result.data()));
    if (mine === asked) show(results, found.length, query);
  };
  let timer = 0;
  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(run, 150); });
  input.addEventListener("focus", () => { if (input.value.trim() && panel.childElementCount) panel.hidden = false; });
  searchForm.addEventListener("submit", (event) => { event.preventDefault(); run(); });
  searchForm.addEventListener("keydown", (event) => {
    const links = [...panel.querySelectorAll("a")];
    const at = links.indexOf(document.activeElement);
    if (event.key === "Escape") { input.focus(); close(); }
    else if (event.key === "ArrowDown" && links.length) { event.preventDefault(); links[Math.min(at + 1, links.length - 1)].focus(); }
    else if (event.key === "ArrowUp" && links.length) { event.preventDefault(); (at <= 0 ? input : links[at - 1]).focus(); }
  });
  document.addEventListener("click", (event) => { if (!searchForm.contains(event.target)) close(); });
  // The page a result opened: its words marked, as they were found (the highlighter adds no <style>: CSP).
  if (new URLSearchParams(location.search).has("highlight")) {
    import(new URL("pagefind/pagefind-highlight.js", root).href)
      .then(({ default: Highlight }) => new Highlight({ highlightParam: "highlight", addStyles: false }));
  }
}
