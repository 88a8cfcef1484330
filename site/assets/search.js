// The only script of the site: start pagefind's search box over every index shard.
// Everything else works without JavaScript.
window.addEventListener("DOMContentLoaded", function () {
  var box = document.getElementById("search");
  if (!box || typeof PagefindUI === "undefined") return;
  var absolute = function (path) { return new URL(path, document.baseURI).href; };
  var bundles = box.getAttribute("data-bundles").split(" ").filter(Boolean).map(absolute);
  if (!bundles.length) return;
  var ui = new PagefindUI({
    element: "#search",
    bundlePath: bundles[0],
    mergeIndex: bundles.slice(1).map(function (b) { return { bundlePath: b }; }),
    // Result links are site-relative: resolve them against the site's folder, wherever it is hosted.
    baseUrl: new URL(".", absolute(box.getAttribute("data-site"))).pathname,
    showSubResults: true,
    showImages: false,
    resetStyles: false
  });
  // Let a link carry a query: search.html?q=营商环境
  var q = new URLSearchParams(window.location.search).get("q");
  if (q) ui.triggerSearch(q);
});
