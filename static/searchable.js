// A filter box above each long list of States and organizations (select[data-searchable]): typing narrows
// the list, case and accents aside ("cote" finds Côte d'Ivoire). Without JavaScript the list is the same,
// sorted by name in the reader's language, and the browser's own type-ahead works.
(function () {
  "use strict";
  const fold = (text) => text.normalize("NFKD").replace(/\p{M}/gu, "").toLocaleLowerCase();
  for (const select of document.querySelectorAll("select[data-searchable]")) {
    if (select.disabled || select.options.length < 15) continue;
    const box = document.createElement("input");
    box.type = "search";
    box.className = "form-control form-control-sm mb-1";
    box.placeholder = select.dataset.searchable;
    box.setAttribute("aria-label", select.dataset.searchable);
    if (select.id) box.setAttribute("aria-controls", select.id);
    select.before(box);
    box.addEventListener("input", () => {
      const wanted = fold(box.value.trim());
      let first = null;
      for (const option of select.options) {
        const shown = !option.value || fold(option.text).includes(wanted);
        option.hidden = !shown;
        if (shown && option.value && first === null) first = option;
      }
      if (first !== null && (select.selectedIndex < 1 || select.options[select.selectedIndex].hidden)) {
        select.value = first.value; // the first match is chosen, as the browser's type-ahead would
      }
    });
  }
})();
