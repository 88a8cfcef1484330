// Search over every index shard with pagefind's JavaScript API (no pagefind UI).
// Everything else on the site works without JavaScript; this file runs on the search page only.
//
// A CJK query must occur as written.  pagefind would split a Chinese query into words with
// the browser's Intl.Segmenter and the pages with its own dictionary, and the two disagree
// (Chromium splits 营商环境 into 营/商/环境, the index holds 营商/环境: the page holding the
// phrase was not found).  So the index is built from copies of the pages in which every CJK
// letter stands apart (lawdiff/site/search.py), and the query's letters are set apart the same
// way (the letter class comes from the page: one definition) and asked for as an exact phrase.
// pagefind then returns every page holding the letters in a row; its own excerpts mark only
// the first occurrence, so the sections of each page (split at its headings, as pagefind
// does) are read from the page's indexed text and kept if they hold the query itself
// (whitespace ignored: OCR'd text keeps line-wrap spaces; punctuation is not, so a row of
// letters across a comma is dropped here).  A Latin-script query goes to pagefind as typed
// (stems, any order) and its sections are pagefind's sub-results.  Results list every
// matching section, grouped by document and version; hits on a compare page say whether the
// phrase was deleted (only on the old side) or added (only on the new side) by that step, and
// link to the article's redline and to its row of the 对照表.
(function () {
  "use strict";
  var CJK = /[\u3400-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af]/;
  var ZWS = "\u200B";  // pagefind's word separator in the indexed text of a segmented language

  function absolute(path) { return new URL(path, document.baseURI).href; }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) node.textContent = text;
    return node;
  }

  // The text of an excerpt: pagefind's HTML read by an inert parser, never inserted as markup.
  function plainText(html) {
    return new DOMParser().parseFromString(html || "", "text/html").body.textContent || "";
  }

  // Where the needle occurs in `text` from `from` on, whitespace inside the text skipped and
  // case ignored: {start, end} in `text`, or null.
  function find(text, needle, from) {
    var target = needle.replace(/\s+/g, "").toLowerCase();
    if (!target) return null;
    for (var i = from || 0; i < text.length; i++) {
      var j = i, k = 0;
      while (j < text.length && k < target.length) {
        var c = text.charAt(j);
        if (k > 0 && /\s/.test(c)) { j++; continue; }
        if (c.toLowerCase() !== target.charAt(k)) break;
        j++; k++;
      }
      if (k === target.length) return { start: i, end: j };
    }
    return null;
  }

  // A short passage around the first occurrence with every occurrence marked, from text nodes.
  function snippet(text, needle) {
    var frag = document.createDocumentFragment();
    var first = needle ? find(text, needle, 0) : null;
    var from = first ? Math.max(0, first.start - 60) : 0;
    var to = Math.min(text.length, (first ? first.end : 0) + 100);
    var part = text.slice(from, to), at = 0, hit;
    if (from > 0) frag.appendChild(document.createTextNode("…"));
    while (needle && (hit = find(part, needle, at))) {
      frag.appendChild(document.createTextNode(part.slice(at, hit.start)));
      frag.appendChild(el("mark", {}, part.slice(hit.start, hit.end)));
      at = hit.end;
    }
    frag.appendChild(document.createTextNode(part.slice(at)));
    if (to < text.length) frag.appendChild(document.createTextNode("…"));
    return frag;
  }

  // A result's place in the site, from its address: laws/<slug>/v<N>.html, compare/v<A>-v<B>.html, index.html.
  function place(url) {
    var path = url.replace(/[#?].*$/, "");
    var m = path.match(/laws\/([^\/]+)\/(?:v(\d+)\.html|compare\/v(\d+)-v(\d+)\.html|(?:index\.html)?$)/);
    if (!m) return { slug: path, order: 0, kind: "other" };
    if (m[2]) return { slug: m[1], order: Number(m[2]) * 2, kind: "version" };
    if (m[3]) return { slug: m[1], order: Number(m[4]) * 2 + 1, kind: "compare" };
    return { slug: m[1], order: 0, kind: "document" };
  }

  window.addEventListener("DOMContentLoaded", function () {
    var box = document.getElementById("search");
    var form = document.getElementById("search-form");
    if (!box || !form) return;
    var words = JSON.parse(box.getAttribute("data-words"));
    var letters = box.getAttribute("data-letters") || "";
    var letter = new RegExp("[" + letters + "]", "g");
    // The indexed copies' text shown as the page has it: no space next to a CJK letter.
    var joinLetters = new RegExp("\\s+(?=[" + letters + "])|([" + letters + "])\\s+", "g");
    function joined(text) { return text.replace(joinLetters, "$1"); }
    function apart(text) { return text.replace(letter, " $& ").replace(/\s+/g, " ").trim(); }
    var input = form.querySelector("input[name=q]");
    var status = document.getElementById("search-status");
    var out = document.getElementById("search-results");
    var bundles = box.getAttribute("data-bundles").split(" ").filter(Boolean).map(absolute);
    var siteBase = new URL(".", absolute(box.getAttribute("data-site"))).pathname;
    form.hidden = false;
    if (!bundles.length) return;

    var ready = import(bundles[0] + "pagefind.js").then(function (pagefind) {
      return pagefind.options({ baseUrl: siteBase, excerptLength: 2000 }).then(function () {
        return bundles.slice(1).reduce(function (p, b) {
          return p.then(function () { return pagefind.mergeIndex(b); });
        }, Promise.resolve());
      }).then(function () { return pagefind; });
    });
    var latest = 0;

    function run(query) {
      var ticket = ++latest;
      query = query.trim();
      out.textContent = "";
      if (!query) { status.textContent = ""; return; }
      var phrase = query.replace(/^"(.*)"$/, "$1");
      // A CJK query must occur as written; Latin-script words are pagefind's to match (stems, any order).
      var need = CJK.test(phrase) ? phrase : "";
      status.textContent = words.searching;
      ready.then(function (pagefind) {
        return pagefind.search(need ? '"' + apart(need) + '"' : query);
      }).then(function (search) {
        return Promise.all(search.results.map(function (r) { return r.data(); }));
      }).then(function (pages) {
        if (ticket === latest) show(query, pages, need, phrase.split(/\s+/)[0]);
      }).catch(function (err) {
        if (ticket === latest) status.textContent = words.failed + " " + err;
        last = null;  // a failed search may be asked for again
      });
    }

    // A page's sections from its whole indexed text, cut at its headings with an id (the
    // anchors pagefind makes sub-results of): the text before the first, then one per heading.
    // (raw_content is the indexed text as stored, ZWS between words, with < and > escaped;
    // `content` has the ZWS taken out, so its words no longer line up with the anchors.)
    function sectionsOf(page) {
      var content = (page.raw_content || page.content || "").replace(/&lt;/g, "<").replace(/&gt;/g, ">");
      var zws = content.indexOf(ZWS) >= 0;
      var parts = zws ? content.split(ZWS) : content.split(/[\r\n\s]+/);
      var heads = (page.anchors || []).filter(function (a) {
        return /^h\d$/i.test(a.element) && a.id && /\S/.test(a.text || "");
      }).sort(function (a, b) { return a.location - b.location; });
      var cuts = [{ url: page.url, title: page.meta.title, location: 0 }].concat(heads.map(function (a) {
        return { url: page.url.replace(/#.*$/, "") + "#" + a.id, title: a.text, location: a.location };
      }));
      return cuts.map(function (cut, i) {
        var end = i + 1 < cuts.length ? cuts[i + 1].location : parts.length;
        return { url: cut.url, title: cut.title, text: parts.slice(cut.location, end).join(zws ? "" : " ") };
      });
    }

    function hitsOf(page, need) {
      var sections = need ? sectionsOf(page)
        : (page.sub_results && page.sub_results.length ? page.sub_results : [page]).map(function (s) {
          return { url: s.url, title: s.title || page.meta.title, text: plainText(s.excerpt) };
        });
      var hits = sections.map(function (s) {
        return { url: s.url, title: joined(s.title || page.meta.title), text: joined(s.text),
                 anchor: s.url.split("#")[1] || "" };
      });
      return need ? hits.filter(function (h) { return find(h.text, need, 0) !== null; }) : hits;
    }

    // On a compare page, which side of each changed article holds the phrase: only the old one = deleted, only the new = added.
    function sided(hits) {
      var rows = {}, order = [];
      hits.forEach(function (h) {
        var m = h.anchor.match(/^(old|new)-(.+)$/);
        if (!m) return;
        if (!rows[m[2]]) { rows[m[2]] = {}; order.push(m[2]); }
        rows[m[2]][m[1]] = h;
      });
      var out = [];
      order.forEach(function (row) {
        var s = rows[row];
        if (s.old && !s["new"]) { s.old.kind = "deleted"; out.push(s.old); }
        else if (s["new"] && !s.old) { s["new"].kind = "added"; out.push(s["new"]); }
      });
      return out;
    }

    function show(query, pages, need, highlight) {
      var groups = {}, order = [], total = 0;
      pages.forEach(function (page) {
        var where = place(page.url);
        var hits = hitsOf(page, need);
        if (where.kind === "compare") hits = sided(hits);
        if (!hits.length) return;
        if (!groups[where.slug]) { groups[where.slug] = { title: page.meta.doc || where.slug, pages: [] }; order.push(where.slug); }
        groups[where.slug].pages.push({ where: where, page: page, hits: hits });
        total += hits.length;
      });
      status.textContent = total ? words.found.replace("{n}", total).replace("{q}", query)
                                 : words.none.replace("{q}", query);
      order.sort(function (a, b) { return groups[a].title < groups[b].title ? -1 : groups[a].title > groups[b].title ? 1 : 0; });
      order.forEach(function (slug) {
        var g = groups[slug];
        var section = el("section", { "class": "search-doc" });
        section.appendChild(el("h2", {}, g.title));
        g.pages.sort(function (a, b) { return a.where.order - b.where.order; });
        g.pages.forEach(function (p) {
          var block = el("div", { "class": "search-page search-" + p.where.kind });
          var head = el("h3", {});
          head.appendChild(el("a", { href: p.page.url, "class": "search-page-link" }, p.page.meta.label || p.page.meta.title));
          head.appendChild(document.createTextNode(" (" + p.hits.length + ")"));
          block.appendChild(head);
          var list = el("ol", { "class": "search-hits" });
          p.hits.forEach(function (h) {
            var li = el("li", { "class": "search-hit" + (h.kind ? " search-" + h.kind : "") });
            if (h.kind) {
              li.appendChild(el("span", { "class": "badge badge-" + (h.kind === "deleted" ? "removed" : "added") }, words[h.kind]));
              li.appendChild(document.createTextNode(" "));
            }
            // A side of a compare page is out of sight: the link goes to the article (its anchor).
            li.appendChild(el("a", { href: h.kind ? h.url.replace(/#(old|new)-/, "#") : h.url, "class": "search-hit-link" }, h.title));
            if (h.kind) {  // the same change as a row of the 对照表 (the side's own id there)
              li.appendChild(document.createTextNode(" · "));
              li.appendChild(el("a", { href: h.url.replace("/compare/", "/table/"), "class": "search-table-link" }, words.table));
            }
            var excerpt = el("p", { "class": "search-excerpt" });
            excerpt.appendChild(snippet(h.text, need || highlight));
            li.appendChild(excerpt);
            list.appendChild(li);
          });
          block.appendChild(list);
          section.appendChild(block);
        });
        out.appendChild(section);
      });
    }

    // Typing searches after a pause, Enter at once; the pause's search is cancelled by Enter and
    // skipped when the same query already ran, or the results would be cleared and drawn again
    // under the reader's eyes (and under a test reading them).
    var timer = 0;
    var last = null;
    function runOnce(query) {
      if (query === last) return;
      last = query;
      run(query);
    }
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      clearTimeout(timer);
      history.replaceState(null, "", "?q=" + encodeURIComponent(input.value));
      runOnce(input.value);
    });
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { runOnce(input.value); }, 250);
    });
    // A link can carry a query: search.html?q=营商环境
    var q = new URLSearchParams(window.location.search).get("q");
    if (q) { input.value = q; runOnce(q); }
  });
})();
