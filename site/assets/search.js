// The only script of the site: start pagefind's search box (everything else works without JavaScript).
window.addEventListener("DOMContentLoaded", function () {
  var box = document.getElementById("search");
  if (!box || typeof PagefindUI === "undefined") return;
  var ui = new PagefindUI({
    element: "#search",
    bundlePath: new URL(box.getAttribute("data-bundle"), document.baseURI).href,
    showSubResults: true,
    showImages: false,
    resetStyles: false
  });
  // Let a link carry a query: search.html?q=营商环境
  var q = new URLSearchParams(window.location.search).get("q");
  if (q) ui.triggerSearch(q);
});
