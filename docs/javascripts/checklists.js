/* The handbook's checklists (pymdownx.tasklist) render each checkbox inside an empty <label>:
 * give every checkbox the text of its item as its accessible name. */
(function () {
  "use strict";
  function label() {
    document.querySelectorAll(".task-list-item input[type=checkbox]").forEach(function (box) {
      if (box.hasAttribute("aria-label")) return;
      var item = box.closest(".task-list-item");
      var text = "";
      item.childNodes.forEach(function (node) {
        if (node.nodeType === 3 || (node.nodeType === 1 && !/^(UL|OL|LABEL)$/.test(node.nodeName))) {
          text += node.textContent;
        }
      });
      text = text.replace(/\s+/g, " ").trim();
      if (text) box.setAttribute("aria-label", text);
    });
  }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(label);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", label);
  } else {
    label();
  }
})();
