// The compare page and the 条文对照表: next/previous change (buttons and the j/k keys).
// Reading, and filtering by kind (CSS on the checkboxes), work without this script.
(function () {
  "use strict";
  window.addEventListener("DOMContentLoaded", function () {
    var stepper = document.querySelector(".stepper");
    if (!stepper) return;
    stepper.hidden = false;

    // The changes a reader can see now (the summary bar may hide some kinds).
    function targets() {
      return Array.prototype.filter.call(document.querySelectorAll("[data-change]"), function (el) {
        return el.getClientRects().length > 0;
      });
    }

    // How far below the top of the window a change lands: below a sticky table header, if any.
    function offset() {
      var head = document.querySelector(".synopsis > thead");
      return head && getComputedStyle(head.querySelector("th") || head).position === "sticky"
        ? head.getBoundingClientRect().height + 4 : 4;
    }

    function step(direction) {
      var list = targets();
      if (!list.length) return;
      var line = offset() + 1;
      var current = document.activeElement && document.activeElement.hasAttribute("data-change")
        ? list.indexOf(document.activeElement) : -1;
      var next;
      if (current >= 0 && Math.abs(list[current].getBoundingClientRect().top - offset()) < 8) {
        next = list[current + direction];
      } else if (direction > 0) {
        next = list.find(function (el) { return el.getBoundingClientRect().top > line; });
      } else {
        next = list.slice().reverse().find(function (el) { return el.getBoundingClientRect().top < line - 2; });
      }
      if (!next) return;
      next.focus({ preventScroll: true });
      window.scrollTo({ top: window.scrollY + next.getBoundingClientRect().top - offset() });
      if (next.id) history.replaceState(null, "", "#" + next.id);
    }

    stepper.addEventListener("click", function (e) {
      var button = e.target.closest("button[data-step]");
      if (button) step(Number(button.getAttribute("data-step")));
    });
    document.addEventListener("keydown", function (e) {
      if (e.altKey || e.ctrlKey || e.metaKey || e.isComposing) return;
      var t = e.target;
      if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName) && t.type !== "checkbox")) return;
      if (e.key === "j") { step(1); e.preventDefault(); }
      else if (e.key === "k") { step(-1); e.preventDefault(); }
    });
  });
})();
