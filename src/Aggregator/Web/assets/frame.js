// Inside /embed/frame: tells the page around the frame how tall the list is, whenever that changes, so embed.js can
// size the iframe. The height measured is the content's, not the window's, so resizing the frame never feeds back.
(function () {
  "use strict";
  if (window.parent === window) return;
  var last = 0;
  function report() {
    var height = Math.ceil(document.body.getBoundingClientRect().height);
    if (Math.abs(height - last) < 1) return;
    last = height;
    window.parent.postMessage({ type: "aggregator-jobs:height", height: height }, "*");
  }
  if (window.ResizeObserver) new ResizeObserver(report).observe(document.body);
  window.addEventListener("load", report);
  report();
})();
