// The portal's photo lightbox: every photo of an entry in one gallery, opened with a click, Enter or Space;
// arrow keys move between photos, Escape closes and gives focus back to the photo. PhotoSwipe (vendored in
// assets/vendor/photoswipe, see vendored.json) does the work; here it gets the portal's words, an accessible
// dialog name, and the caption and credit shown as text (never as HTML: they are editors' text).
import PhotoSwipeLightbox from "../vendor/photoswipe/photoswipe-lightbox.esm.min.js";

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
