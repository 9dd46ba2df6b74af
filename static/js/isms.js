// Small behaviours that would otherwise need inline scripts (forbidden by our CSP).
document.addEventListener("htmx:responseError", (event) => {
  const status = event.detail.xhr.status;
  window.alert(status === 403 ? "Your role does not allow this." : `The server answered ${status}.`);
});

// Asset search-select (isms/search_select.py): the search box belongs to no form, but its
// "change" still bubbles to a filter form whose hx-trigger is "change"; typing must only
// fetch choices, not re-filter the list.
htmx.onLoad((root) => {
  root.querySelectorAll("[data-search-only]").forEach((input) => {
    input.addEventListener("change", (event) => event.stopPropagation());
  });
});
