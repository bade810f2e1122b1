// Behaviours that used to be inline hx-on handlers, moved here so the Content-Security-Policy can
// forbid inline script and eval. Listeners are delegated from the document, so content that htmx
// swaps in later is covered without re-binding.
"use strict";

(function () {
  function within(event, selector) {
    return event.target instanceof Element && event.target.closest(selector);
  }

  // A curation or explanation form answered 400 (field errors) or 403: show that answer in place,
  // it explains itself.
  document.addEventListener("htmx:beforeSwap", function (event) {
    if (within(event, ".curation, .annotation-editor") && [400, 403].includes(event.detail.xhr.status)) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  // The picker: the suggestions it loads on sight must not replace a search's results if they
  // arrive after them (the two requests fill the same list).
  document.addEventListener("htmx:beforeSwap", function (event) {
    const source = event.detail.elt;
    const list = event.detail.target;
    if (!(source instanceof Element) || !(list instanceof Element) || !list.matches(".picker-results")) return;
    if (source.matches("input[data-picker-q]")) {
      list.dataset.searched = "true";
    } else if (list.dataset.searched) {
      event.detail.shouldSwap = false;
    }
  });

  // Filters: leave empty fields out of the address (a clean URL to share and push).
  document.addEventListener("htmx:configRequest", function (event) {
    if (!within(event, "[data-omit-empty]")) return;
    for (const [name, value] of Object.entries(event.detail.parameters)) {
      if (value === "") delete event.detail.parameters[name];
    }
  });

  // The pair list: once a curator saves from an open panel, say the rows may be stale...
  document.addEventListener("curation-saved", function (event) {
    if (!within(event, "#pair-list")) return;
    const stale = document.getElementById("list-stale");
    if (stale) stale.hidden = false;
  });
  // ...until the list itself is swapped again.
  document.addEventListener("htmx:afterSwap", function (event) {
    if (event.detail.target && event.detail.target.id === "pair-list") {
      const stale = document.getElementById("list-stale");
      if (stale) stale.hidden = true;
    }
  });

  // The picker's search box: Enter searches now instead of submitting the surrounding form.
  document.addEventListener("keydown", function (event) {
    const input = within(event, "input[data-picker-q]");
    if (input && event.key === "Enter") {
      event.preventDefault();
      htmx.trigger(input, "search");
    }
  });

  document.addEventListener("click", function (event) {
    if (within(event, "[data-reload]")) {
      location.reload();
      return;
    }
    // Close a pair panel opened inside the list; focus goes back to the row's toggle.
    const close = within(event, ".pair-slot .panel-close");
    if (close) {
      const slot = close.closest(".pair-slot");
      const toggle = slot.closest("tbody").querySelector(".expand");
      if (toggle) toggle.focus();
      slot.replaceChildren();
    }
  });
})();
