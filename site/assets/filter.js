// The index's title filter: an enhancement only (without JavaScript every document is listed).
// Hides documents whose title does not contain the typed text, and categories left empty.
window.addEventListener("DOMContentLoaded", function () {
  var box = document.getElementById("doc-filter");
  var input = document.getElementById("doc-filter-input");
  var count = document.getElementById("doc-filter-count");
  if (!box || !input) return;
  box.hidden = false;
  var cards = Array.prototype.slice.call(document.querySelectorAll(".doc-card"));
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.category"));
  var total = count.getAttribute("data-total");
  var apply = function () {
    var needle = input.value.trim().toLowerCase();
    var shown = 0;
    cards.forEach(function (card) {
      var match = !needle || card.getAttribute("data-title").toLowerCase().indexOf(needle) !== -1;
      card.hidden = !match;
      if (match) shown += 1;
    });
    sections.forEach(function (section) {
      section.hidden = !section.querySelector(".doc-card:not([hidden])");
    });
    count.textContent = needle ? count.getAttribute("data-template").replace("{shown}", shown).replace("{total}", total) : "";
  };
  input.addEventListener("input", apply);
  var q = new URLSearchParams(window.location.search).get("filter");
  if (q) { input.value = q; }
  apply();
});
