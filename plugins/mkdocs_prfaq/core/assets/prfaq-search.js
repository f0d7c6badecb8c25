/* PR/FAQ search: the header's search box and the catalog's facets, both on Pagefind.
 *
 * Pagefind's index lives in <site>/pagefind/ and is loaded relative to the page, so a site
 * served from a sub-path works. Pagefind itself (script, worker, WebAssembly, page list; no
 * index chunk) starts once the page is idle, or at the first sign of a search when the browser
 * asks to save data; a query then fetches only the index chunks and result fragments it needs.
 *
 * Header: results show title, status, team and an excerpt, each as soon as its fragment (and
 * those of the results above it) has arrived. A query that is an id (`PRFAQ-0042`, `0042`)
 * lists that document first, here and in the catalog, whatever other documents hold. Enter
 * opens the first (or the selected) result; arrow keys move through results; "/" or "s" focuses
 * the box; Escape closes.
 *
 * Catalog: the catalog table's filter form (prfaq.js) becomes a faceted full-text search: the
 * text field searches titles and full bodies, each filter option shows how many documents it
 * would leave, the best matches are listed with excerpts above the table, and the table keeps
 * only the matching rows. The state stays in the URL (?q=...&status=...), which prfaq.js keeps.
 * Each distinct filter combination is searched once: a facet with no value chosen takes its
 * counts from the main search.
 */
(function () {
  "use strict";

  var FACETS = ["status", "team", "tag", "year"];
  var HITS = 10;
  /* Milliseconds of quiet typing before the header searches; the query's index chunks are
   * fetched at once meanwhile. Pagefind cannot stop a search under way, so a search per
   * keystroke would queue ones nobody waits for. */
  var DEBOUNCE = 60;
  /* Characters a query needs before it is searched, unless it is an id (`7`): one letter matches
   * nearly every document, and its index chunks are the largest. */
  var MIN_CHARS = 2;
  var loading = null;

  function searchBox() {
    return document.querySelector("[data-prfaq-search]");
  }

  function siteRoot() {
    var box = searchBox();
    var base = box ? box.getAttribute("data-prfaq-base") || "." : ".";
    if (!/\/$/.test(base)) base += "/";
    return new URL(base, window.location.href);
  }

  /* Pagefind's module, loaded once. */
  function pagefind() {
    if (!loading) {
      var root = siteRoot();
      loading = import(new URL("pagefind/pagefind.js", root).href).then(function (pf) {
        return pf.options({ baseUrl: root.pathname, excerptLength: 24 }).then(function () {
          return pf.init();
        }).then(function () { return pf; });
      });
      loading.catch(function () { loading = null; });
    }
    return loading;
  }

  function warm() {
    pagefind().catch(function () {});
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  /* An excerpt as DOM: text and <mark> only, whatever the index holds. */
  function excerpt(html) {
    var out = el("p", "prfaq-search-excerpt");
    var template = document.createElement("template");
    template.innerHTML = html || "";
    (function copy(from, to) {
      from.childNodes.forEach(function (node) {
        if (node.nodeType === 3) {
          to.appendChild(document.createTextNode(node.textContent));
        } else if (node.nodeType === 1) {
          if (node.nodeName === "MARK") {
            copy(node, to.appendChild(el("mark")));
          } else {
            copy(node, to);
          }
        }
      });
    })(template.content, out);
    return out;
  }

  function status(meta) {
    var badge = el("span", "prfaq-status prfaq-status--" + (meta.status || "unknown").replace(/[^a-z-]/g, ""),
      meta.status_label || meta.status);
    return badge;
  }

  /* A PR/FAQ page indexes a line of tokens before its body (id, number, team, people, tags and
   * customer, joined by " · "; templates/prfaq/search.html) so that they are found, not read:
   * the text after that line, without the title that opens the body. */
  function bodyText(content, title) {
    var at = 0;
    var sep;
    while ((sep = content.indexOf(" · ", at)) !== -1 && content.slice(at, sep).indexOf(". ") === -1) at = sep + 3;
    var end = content.indexOf(". ", at);
    var body = end === -1 ? content : content.slice(end + 2);
    if (title && body.indexOf(title) === 0) body = body.slice(title.length).replace(/^[.\s]+/, "");
    return body;
  }

  /* The excerpt of a result: Pagefind's, unless it comes from the line of tokens (a query that
   * matched only an id, a team or a person); then the opening of the body. */
  function resultExcerpt(data, meta) {
    var shown = excerpt(data.excerpt);
    if (!meta.id || shown.textContent.indexOf(" · ") === -1) return shown;
    var words = bodyText(data.content || "", meta.title).split(/\s+/).filter(Boolean);
    return el("p", "prfaq-search-excerpt", words.slice(0, 24).join(" ") + (words.length > 24 ? " …" : ""));
  }

  /* Results whose text holds the query as a phrase before those that hold only its words, in
   * Pagefind's order otherwise: "hospital waiting room" first finds the page that says it. */
  function phraseFirst(q, items) {
    var phrase = q.toLowerCase().replace(/\s+/g, " ").trim();
    if (phrase.indexOf(" ") === -1) return items;
    var holds = function (data) {
      return (data.content || "").toLowerCase().replace(/\s+/g, " ").indexOf(phrase) !== -1 ? 0 : 1;
    };
    return items.map(function (data, i) { return [holds(data), i, data]; })
      .sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; })
      .map(function (entry) { return entry[2]; });
  }

  /* One result, in Material's result markup. */
  function result(data, className) {
    var meta = data.meta || {};
    var link = el("a", className || "md-search-result__link");
    link.href = data.url;
    var article = el("article", "md-search-result__article md-typeset");
    article.appendChild(el("h1", null, meta.title || data.url));
    var line = el("p", "prfaq-search-meta");
    if (meta.id) {
      line.appendChild(el("code", null, meta.id));
      if (meta.status) line.appendChild(status(meta));
      if (meta.team) line.appendChild(el("span", "prfaq-search-team", meta.team));
    } else {
      line.appendChild(el("span", "prfaq-search-kind", "Handbook"));
    }
    article.appendChild(line);
    article.appendChild(resultExcerpt(data, meta));
    link.appendChild(article);
    return link;
  }

  /* The id a query names, as ids are written: `PRFAQ-0042`, `prfaq 42`, `0042` or `42`. */
  var ID_QUERY = /^\s*(?:prfaq[-\s]?)?(\d+)\s*$/i;

  function queriedId(q) {
    var match = ID_QUERY.exec(q);
    if (!match) return null;
    var digits = match[1];
    while (digits.length < 4) digits = "0" + digits;
    return "PRFAQ-" + digits;
  }

  /* A search's results with the document whose id the query names first (among those `filters`
   * keep), found by its `id` filter: only a document's own id sets it, so another document's
   * title, customer or body stuffed with that id cannot rank above it. `pinned` names the id. */
  function ownFirst(pf, q, search, filters) {
    var id = queriedId(q);
    if (!id || !search) return Promise.resolve(search);
    return pf.search(null, { filters: Object.assign({}, filters, { id: id }) }).then(function (own) {
      var first = own && own.results[0];
      if (!first) return search;
      var rest = search.results.filter(function (r) { return r.id !== first.id; });
      return Object.assign({}, search, { results: [first].concat(rest), pinned: id });
    });
  }

  function searchable(q) {
    return q.length >= MIN_CHARS || queriedId(q) !== null;
  }

  function plural(box, n) {
    var key = n === 0 ? "data-prfaq-none" : n === 1 ? "data-prfaq-one" : "data-prfaq-other";
    return (box.getAttribute(key) || "# matching documents").replace("#", String(n));
  }

  /* -- the header's search box ------------------------------------------------------------- */
  function initHeader() {
    var box = searchBox();
    if (!box || box.dataset.prfaqReady) return;
    box.dataset.prfaqReady = "1";
    var toggle = document.getElementById("__search");
    var form = box.querySelector("form");
    var input = box.querySelector("[data-prfaq-search-input]");
    var meta = box.querySelector("[data-prfaq-search-meta]");
    var list = box.querySelector("[data-prfaq-search-list]");
    var more = box.querySelector("[data-prfaq-search-more]");
    var placeholder = meta.textContent.trim();
    var sequence = 0;
    var timer = null;
    /* The search under way, so that Enter waits for its results rather than racing them. */
    var pending = Promise.resolve();

    function open(on) {
      if (toggle && toggle.checked !== on) {
        toggle.checked = on;
        toggle.dispatchEvent(new Event("change"));
      }
    }

    function links() {
      return Array.prototype.slice.call(list.querySelectorAll("a"));
    }

    function item(data) {
      var li = el("li", "md-search-result__item");
      var link = result(data);
      link.tabIndex = -1;
      li.appendChild(link);
      return li;
    }

    /* The results of one search, each shown as soon as its fragment and those of the results
     * above it have arrived; the previous results stay until the first new one replaces them. */
    function show(q, search, mine) {
      var shown = 0;
      function head() {
        list.textContent = "";
        meta.textContent = plural(box, search.results.length);
        var catalog = new URL(box.getAttribute("data-prfaq-catalog"), window.location.href);
        catalog.search = new URLSearchParams({ q: q }).toString();
        more.querySelector("a").href = catalog.href;
        more.hidden = false;
      }
      var fragments = search.results.slice(0, HITS).map(function (r) { return r.data(); });
      if (/\s/.test(q.trim()) && !search.pinned) {
        // A query of several words waits for all its first results, to put a phrase match first.
        var ordered = Promise.all(fragments).then(function (items) { return phraseFirst(q, items); });
        fragments = fragments.map(function (_, i) { return ordered.then(function (items) { return items[i]; }); });
      }
      var done = fragments.reduce(function (previous, fragment) {
        return previous.then(function () { return fragment; }).then(function (data) {
          if (mine !== sequence) return;
          if (shown === 0) head();
          list.appendChild(item(data));
          shown += 1;
        });
      }, Promise.resolve());
      return done.then(function () {
        if (mine !== sequence) return;
        if (shown === 0) head();
        box.dataset.prfaqResults = String(shown);
        box.dataset.prfaqQuery = q;
      });
    }

    function run() {
      var q = input.value.trim();
      var mine = ++sequence;
      window.clearTimeout(timer);
      delete box.dataset.prfaqQuery;
      if (!searchable(q)) {
        list.textContent = "";
        meta.textContent = placeholder;
        more.hidden = true;
        pending = Promise.resolve();
        if (q) warm();
        return;
      }
      var ready = pagefind();
      // The query's index chunks download while the debounce runs.
      ready.then(function (pf) { return pf.preload(q); }).catch(function () {});
      pending = new Promise(function (resolve) {
        timer = window.setTimeout(resolve, DEBOUNCE);
      }).then(function () {
        return mine === sequence ? ready : null;
      }).then(function (pf) {
        if (!pf || mine !== sequence) return null;
        return pf.search(q).then(function (search) { return ownFirst(pf, q, search, {}); });
      }).then(function (search) {
        if (search && mine === sequence) return show(q, search, mine);
      }).catch(function (error) {
        if (mine !== sequence) return;
        meta.textContent = "Search is unavailable: " + (error && error.message ? error.message : error);
      });
    }

    // Pagefind (its script, worker, WebAssembly and page list, not the index itself) starts once
    // the page is loaded and idle, unless the browser asks to save data; else at the first sign
    // of a search: the box pointed at, touched or focused.
    if (!(navigator.connection && navigator.connection.saveData)) {
      var idle = function () {
        if (typeof window.requestIdleCallback === "function") {
          window.requestIdleCallback(warm, { timeout: 2000 });
        } else {
          window.setTimeout(warm, 200);
        }
      };
      if (document.readyState === "complete") {
        idle();
      } else {
        window.addEventListener("load", idle, { once: true });
      }
    }
    [box.querySelector("form"), document.querySelector('label.md-header__button[for="__search"]')].forEach(function (node) {
      if (!node) return;
      node.addEventListener("pointerenter", warm, { once: true });
      node.addEventListener("touchstart", warm, { once: true, passive: true });
    });
    input.addEventListener("focus", function () { open(true); warm(); });
    input.addEventListener("input", run);
    form.addEventListener("reset", function () {
      window.setTimeout(function () { run(); input.focus(); }, 0);
    });
    form.addEventListener("submit", function (event) {
      if (!input.value.trim()) return;
      event.preventDefault();
      var settled = function () {
        var first = links()[0];
        if (first) {
          window.location.href = first.href;
        } else {
          form.submit(); /* no result: the catalog's full-text search, as without JavaScript */
        }
      };
      pending.then(settled, settled);
    });
    if (toggle) {
      toggle.addEventListener("change", function () {
        if (toggle.checked && document.activeElement !== input) input.focus();
      });
    }
    box.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        event.preventDefault();
        // The focus may be on a result: it must not stay on a link the closed panel hides.
        var focused = document.activeElement;
        open(false);
        if (focused && focused !== input && box.contains(focused)) focused.blur();
        input.blur();
      } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        var all = [input].concat(links());
        if (all.length < 2) return;
        event.preventDefault();
        var at = all.indexOf(document.activeElement);
        var next = (Math.max(at, 0) + all.length + (event.key === "ArrowUp" ? -1 : 1)) % all.length;
        all[next].focus();
      }
    });
    document.addEventListener("keydown", function (event) {
      var target = event.target;
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.nodeName))) return;
      if (event.key === "/" || event.key === "s" || event.key === "f") {
        event.preventDefault();
        open(true);
        input.focus();
        input.select();
      }
    });
  }

  /* -- the catalog's facets ---------------------------------------------------------------- */
  function initCatalog() {
    var form = document.querySelector("[data-prfaq-filters]");
    var table = document.querySelector("[data-prfaq-table]");
    if (!form || !table || form.dataset.prfaqSearch) return;
    form.dataset.prfaqSearch = "1";
    var text = form.querySelector('[data-filter="q"]');
    var hits = el("div", "prfaq-hits");
    hits.setAttribute("data-prfaq-hits", "");
    hits.setAttribute("aria-live", "polite");
    hits.hidden = true;
    form.parentNode.insertBefore(hits, form.nextSibling);
    form.querySelectorAll("select[data-filter] option").forEach(function (option) {
      option.dataset.label = option.textContent;
    });
    if (text) text.placeholder = "Search titles and full text, or an id";
    var state = { q: null, ids: null };
    var sequence = 0;
    var landed = false;

    // prfaq.js asks this for the ids that match the text field, or null to match by substring.
    form.prfaqMatch = function (q) {
      return state.q !== null && state.q === q.trim() ? state.ids : null;
    };

    function values() {
      var out = {};
      form.querySelectorAll("[data-filter]").forEach(function (field) { out[field.dataset.filter] = field.value.trim(); });
      return out;
    }

    function chosen(v, without) {
      var filters = { kind: "prfaq" };
      FACETS.forEach(function (facet) {
        if (facet !== without && v[facet]) filters[facet] = v[facet];
      });
      return filters;
    }

    function empty(filters) { return Object.keys(filters).length === 1; }

    /* The searches of one update, one per distinct filter combination: with no facet or one
     * chosen, the main search gives every facet's counts. */
    function searches(pf, q, totals) {
      var memo = {};
      return function (filters) {
        if (!q && empty(filters)) return Promise.resolve({ filters: totals, results: null });
        var key = JSON.stringify(filters);
        if (!memo[key]) memo[key] = pf.search(q || null, { filters: filters });
        return memo[key];
      };
    }

    function label(facet, numbers) {
      var select = form.querySelector('select[data-filter="' + facet + '"]');
      if (!select) return;
      select.querySelectorAll("option").forEach(function (option) {
        if (!option.value) return;
        var n = (numbers && numbers[facet] && numbers[facet][option.value]) || 0;
        option.textContent = option.dataset.label + " (" + n + ")";
      });
    }

    function showHits(q, items, total) {
      hits.textContent = "";
      if (!q) { hits.hidden = true; return; }
      hits.hidden = false;
      var head = el("p", "prfaq-hits__meta", total === 0 ? "No document matches." :
        (total > items.length ? "Best " + items.length + " of " + total + " matches; all of them are in the table below." :
          total + (total === 1 ? " match" : " matches") + ", best first:"));
      hits.appendChild(head);
      var ol = el("ol", "prfaq-hits__list");
      items.forEach(function (data) {
        var li = el("li", "prfaq-hits__item");
        li.appendChild(result(data, "prfaq-hits__link"));
        ol.appendChild(li);
      });
      hits.appendChild(ol);
    }

    function update() {
      var mine = ++sequence;
      var v = values();
      var q = searchable(v.q || "") ? v.q : "";  /* one letter: prfaq.js's own filter */
      pagefind().then(function (pf) {
        return pf.filters().then(function (totals) {
          var search = searches(pf, q, totals);
          var all = chosen(v, null);
          var main = q ? search(all).then(function (s) { return ownFirst(pf, q, s, all); }) : Promise.resolve(null);
          var facetCounts = FACETS.map(function (facet) {
            return search(chosen(v, facet)).then(function (s) { return s.filters; });
          });
          return Promise.all([main].concat(facetCounts));
        });
      }).then(function (found) {
        if (mine !== sequence) return null;
        var search = found[0];
        FACETS.forEach(function (facet, i) { label(facet, found[i + 1]); });
        if (!search) {
          state = { q: null, ids: null };
          showHits("", [], 0);
          return null;
        }
        var ids = new Set();
        var byId = (search.filters && search.filters.id) || {};
        Object.keys(byId).forEach(function (id) { if (byId[id] > 0) ids.add(id); });
        if (search.pinned) ids.add(search.pinned);
        state = { q: q, ids: ids };
        var top = search.results.slice(0, HITS);
        return Promise.all(top.map(function (r) { return r.data(); })).then(function (items) {
          if (mine !== sequence) return;
          showHits(q, phraseFirst(q, items.filter(function (d) { return d.meta && d.meta.id; })), ids.size);
          // A search that arrived from the header (?q=...) shows its outcome at the top of the window.
          if (!landed) {
            landed = true;
            if (params.get("q")) form.scrollIntoView({ block: "start" });
          }
        });
      }).then(function () {
        if (mine === sequence && typeof form.prfaqApply === "function") form.prfaqApply();
        if (mine === sequence) form.dataset.prfaqSearched = q;
      }).catch(function () {
        // Without the index, prfaq.js's own filter (by id, title, team and author) stays in charge.
        state = { q: null, ids: null };
      });
    }

    // prfaq.js fills the fields from the URL too; whichever script runs first, both see the same.
    var params = new URLSearchParams(window.location.search);
    form.querySelectorAll("[data-filter]").forEach(function (field) {
      var value = params.get(field.dataset.filter);
      if (value !== null && !field.value) field.value = value;
    });
    var timer = null;
    function later() {
      window.clearTimeout(timer);
      timer = window.setTimeout(update, 100);
    }
    form.addEventListener("input", later);
    form.addEventListener("change", later);
    update();
  }

  function init() {
    initHeader();
    initCatalog();
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
