// Small behaviours that would otherwise need inline scripts (forbidden by our CSP).
document.addEventListener("htmx:responseError", (event) => {
  const status = event.detail.xhr.status;
  window.alert(status === 403 ? "Your role does not allow this." : `The server answered ${status}.`);
});
