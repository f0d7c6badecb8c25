/* `?lines` in a PR/FAQ page's address numbers its paragraphs (see prfaq-print.css). */
(function () {
  "use strict";
  function apply() {
    var on = /(?:^|[?&])lines(?:[=&]|$)/.test(window.location.search.slice(1));
    document.documentElement.classList.toggle("prfaq-lines", on);
  }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(apply);
  } else {
    apply();
  }
})();
