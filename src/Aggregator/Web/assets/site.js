// Progressive enhancement only: every page works without this file. It keeps empty fields out of a search's address,
// and shows the copy buttons beside the feed and embed fields, announcing each copy through the panel's status line.
(function () {
  "use strict";
  var status = document.getElementById("copy-status");
  function announce(text) { if (status) { status.textContent = ""; setTimeout(function () { status.textContent = text; }, 50); } }
  function copy(field) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(field.value);
    // Plain http (a local or intranet deployment) has no async clipboard: select the text and use the old command.
    field.select();
    return document.execCommand("copy") ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }
  // Fields left at "any" would add empty parameters to the address; leaving them out keeps one address per search.
  document.querySelectorAll("form.search").forEach(function (form) {
    form.addEventListener("submit", function () {
      form.querySelectorAll("input[name], select[name]").forEach(function (field) {
        if (field.value === "" && field.type !== "checkbox") field.disabled = true;
      });
    });
  });
  // Back from the results, the form must not keep fields disabled.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form.search [disabled]").forEach(function (field) { field.disabled = false; });
  });
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var field = document.getElementById(button.getAttribute("data-copy"));
    if (!field) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      copy(field).then(function () {
        announce("Copied " + (field.labels && field.labels[0] ? field.labels[0].textContent : "") + ".");
        button.setAttribute("data-copied", "");
      }, function () {
        field.focus();
        field.select();
        announce("Couldn't copy: the text is selected, press Ctrl+C or Cmd+C.");
      });
    });
  });
})();
