/* PR/FAQ catalog: filter and sort the catalog table in the browser.
 * The table is complete without this script; the script only hides rows and reorders them.
 * Filters and the sort are mirrored in the URL (?status=launched&team=payments&sort=-updated) so
 * a view can be shared. */
(function () {
  "use strict";

  function init() {
    document.querySelectorAll("[data-prfaq-table]").forEach(function (table) {
      if (table.dataset.prfaqReady) return;
      table.dataset.prfaqReady = "1";
      var form = document.querySelector("[data-prfaq-filters]");
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      var texts = rows.map(function (row) { return row.textContent.toLowerCase(); });
      var ids = rows.map(function (row) { return row.cells[0].textContent.trim(); });

      function apply() {
        if (!form) return;
        var values = {};
        form.querySelectorAll("[data-filter]").forEach(function (el) { values[el.dataset.filter] = el.value.trim(); });
        var q = (values.q || "").toLowerCase();
        // The full-text search (prfaq-search.js), once it has results for this text, says which
        // ids match; until then, and without it, the text matches by substring.
        var matches = typeof form.prfaqMatch === "function" ? form.prfaqMatch(values.q || "") : null;
        var shown = 0;
        rows.forEach(function (row, i) {
          var ok = (!values.status || row.dataset.status === values.status) &&
            (!values.team || row.dataset.team === values.team) &&
            (!values.year || row.dataset.year === values.year) &&
            (!values.tag || (" " + row.dataset.tags + " ").indexOf(" " + values.tag + " ") >= 0) &&
            (!q || (matches ? matches.has(ids[i]) : texts[i].indexOf(q) >= 0));
          row.hidden = !ok;
          if (ok) shown++;
        });
        var out = form.querySelector("[data-prfaq-count]");
        if (out) out.textContent = shown + " of " + rows.length + " shown";
        var params = new URLSearchParams(window.location.search);
        Object.keys(values).forEach(function (k) {
          if (values[k]) params.set(k, values[k]); else params.delete(k);
        });
        var query = params.toString();
        history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
      }

      if (form) {
        form.prfaqApply = apply;
        var params = new URLSearchParams(window.location.search);
        form.querySelectorAll("[data-filter]").forEach(function (el) {
          var v = params.get(el.dataset.filter);
          if (v !== null) el.value = v;
          el.addEventListener("input", apply);
          el.addEventListener("change", apply);
        });
        // Filtering is live; pressing Enter must not submit (no inline handler: pages carry none).
        form.addEventListener("submit", function (event) { event.preventDefault(); });
        form.hidden = false;
        apply();
      }

      table.querySelectorAll("th[data-sort]").forEach(function (th, column) {
        var index = Array.prototype.indexOf.call(th.parentNode.children, th);
        th.tabIndex = 0;
        th.classList.add("prfaq-sortable");
        function sort(wanted) {
          var ascending = typeof wanted === "boolean" ? wanted : th.getAttribute("aria-sort") !== "ascending";
          table.querySelectorAll("th[data-sort]").forEach(function (other) { other.setAttribute("aria-sort", "none"); });
          th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
          // A cell may say how it sorts (the status: in lifecycle order), else by its text.
          var keyed = rows.map(function (row) {
            var cell = row.cells[index];
            return [cell.dataset.sortKey || cell.textContent.trim().toLowerCase(), row];
          });
          keyed.sort(function (a, b) { return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0; });
          if (!ascending) keyed.reverse();
          keyed.forEach(function (pair) { body.appendChild(pair[1]); });
          var params = new URLSearchParams(window.location.search);
          params.set("sort", (ascending ? "" : "-") + th.dataset.sort);
          history.replaceState(null, "", window.location.pathname + "?" + params.toString() + window.location.hash);
        }
        th.addEventListener("click", function () { sort(); });
        th.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); } });
        var asked = new URLSearchParams(window.location.search).get("sort") || "";
        if (asked.replace(/^-/, "") === th.dataset.sort) sort(asked.charAt(0) !== "-");
      });
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
