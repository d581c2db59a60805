// The embed for partners' pages, in one dependency-free file:
//   <aggregator-jobs query="role=gis&region=US-MD" theme="dark"><a href="…">fallback link</a></aggregator-jobs>
// loads our /embed fragment into a shadow root (theming through --aj-* custom properties and ::part), and keeps any
// <iframe> of our /embed/frame as tall as its list. Without JavaScript the fallback link (or the iframe) is what shows.
(function () {
  "use strict";
  var script = document.currentScript;
  var origin = new URL(script && script.src ? script.src : location.href).origin;
  // A frame never grows past this, whatever it reports: a runaway loop on a partner's page stops here.
  var MAX_FRAME_HEIGHT = 8000;

  window.addEventListener("message", function (event) {
    var data = event.data;
    if (event.origin !== origin || !data || data.type !== "aggregator-jobs:height") return;
    var height = Math.ceil(Number(data.height));
    if (!(height > 0)) return;
    var frames = document.getElementsByTagName("iframe");
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === event.source) frames[i].height = String(Math.min(height, MAX_FRAME_HEIGHT));
    }
  });

  if (!window.customElements || customElements.get("aggregator-jobs")) return;

  class AggregatorJobs extends HTMLElement {
    static get observedAttributes() { return ["query", "theme"]; }
    connectedCallback() { this.load(); }
    attributeChangedCallback() { if (this.started) this.load(); }
    load() {
      this.started = true;
      var params = new URLSearchParams(this.getAttribute("query") || "");
      var theme = this.getAttribute("theme");
      if (theme) params.set("theme", theme);
      var query = params.toString();
      var element = this;
      var ticket = (this.ticket = (this.ticket || 0) + 1);
      fetch(origin + "/embed" + (query ? "?" + query : ""), { credentials: "omit" })
        .then(function (response) { return response.ok ? response.text() : Promise.reject(new Error("HTTP " + response.status)); })
        .then(function (html) { if (ticket === element.ticket) element.show(html); })
        .catch(function () { /* the fallback link stays: the partner's page loses nothing */ });
    }
    show(html) {
      var root = this.shadowRoot || this.attachShadow({ mode: "open" });
      var template = document.createElement("template");
      template.innerHTML = html; // our own rendered fragment: every field encoded, no script
      var list = template.content.querySelector(".aj");
      var sheet = template.content.querySelector("link[rel=stylesheet]");
      if (!list) return;
      // Keep the fallback showing (through a slot) until the list's stylesheet arrives, so it never flashes unstyled.
      list.hidden = true;
      var slot = document.createElement("slot");
      root.replaceChildren(slot, template.content);
      function reveal() { list.hidden = false; slot.remove(); }
      if (sheet && !sheet.sheet) {
        sheet.addEventListener("load", reveal);
        sheet.addEventListener("error", reveal);
      } else {
        reveal();
      }
    }
  }
  customElements.define("aggregator-jobs", AggregatorJobs);
})();
