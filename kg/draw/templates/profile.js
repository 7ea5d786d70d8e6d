// The profile page: reads the embedded JSON (textContent) and builds every element with textContent;
// no text from an article is ever markup. Links go only to other profile pages (hrefs made by kg).
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("data").textContent);
  var p = data.profile, ui = data.ui, lang = data.lang, links = data.links || {};
  var docs = {};
  p.documents.forEach(function (d) { docs[d.doc] = d; });

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }
  function count(n, word) {  // "1 document", "2 documents", "3 документа": a word's plural forms by Intl.PluralRules
    var form = typeof word === "string" ? word : (word[new Intl.PluralRules(lang).select(n)] || word.other);
    return n + " " + form;
  }
  function label(iri) {  // an entity's label in the page's language, then English, then any
    var l = p.labels[iri] || {};
    return l[lang] || l.en || l[Object.keys(l).sort()[0]] || iri;
  }
  function safeHref(href) { return /^(\/profile\?iri=[A-Za-z0-9%._~-]+|[a-z0-9][a-z0-9._-]*\.html)$/.test(href); }
  function personLink(iri, text) {
    var href = links[iri];
    if (!href || !safeHref(href)) return el("span", text);
    var a = el("a", text); a.href = href; return a;
  }
  function cite(doc) {
    var d = docs[doc] || {};
    return [d.title || doc, d.source || ui.unknown_source, d.date || ui.undated].join(" · ");
  }
  function quotes(box, list) {
    list.forEach(function (q) {
      var b = el("blockquote", q.quote);
      b.appendChild(el("div", cite(q.doc), "cite"));
      box.appendChild(b);
    });
  }
  var sections = document.getElementById("sections");
  function section(key, items, draw) {
    var s = el("section"); s.id = "section-" + key;
    s.appendChild(el("h2", ui[key] + " (" + items.length + ")"));
    if (!items.length) s.appendChild(el("p", ui.none, "muted"));
    else { var ul = el("ul"); items.forEach(function (x) { var li = el("li"); draw(li, x); ul.appendChild(li); }); s.appendChild(ul); }
    sections.appendChild(s);
  }

  var name = (p.names[lang] && p.names[lang][0]) || p.label;
  document.getElementById("heading").textContent = name;
  document.title = ui.heading + ": " + name;
  var meta = el("div", p.iri, "meta"); document.getElementById("heading").after(meta);

  section("names", Object.keys(p.names), function (li, l) {
    li.appendChild(el("strong", l || "-")); li.appendChild(document.createTextNode("  " + p.names[l].join(" / ")));
  });
  section("posts", p.posts, function (li, t) {
    li.appendChild(el("strong", t.from + " – " + t.to));
    li.appendChild(document.createTextNode("  " + t.title + (t.organization ? ", " + t.organization : "")));
    var extra = count(t.documents, ui.documents_count) + (t.ends_before ? "; " + ui.before + " " + t.ends_before + ", " + ui.succeeded_by + " " + t.successor : "");
    li.appendChild(el("span", "  (" + extra + ")", "muted"));
  });
  section("events", p.events, function (li, e) {
    if (e.inferred) li.appendChild(el("span", "[" + ui.inferred + "]", "mark"));
    li.appendChild(el("strong", (e.date || ui.undated) + "  " + label(e.type)));
    var rest = (e.place ? " " + ui.in + " " + label(e.place) : "") + " — " + ui.as + " " + e.roles.map(label).join(", ");
    li.appendChild(document.createTextNode(rest));
    if (e.inferred) li.appendChild(el("div", e.inferred, "muted"));
    quotes(li, e.quotes);
  });
  section("counterparts", p.counterparts, function (li, c) {
    li.appendChild(personLink(c.iri, c.label));
    var span = c.first === c.last ? c.first : c.first + " – " + c.last;
    li.appendChild(el("span", "  " + count(c.events, ui.shared_events) + (span ? ", " + span : ""), "muted"));
    if (c.inferred) {
      li.appendChild(el("span", " [" + ui.inferred + ": " + c.inferred + "]", "mark"));
      c.reasons.forEach(function (r) { li.appendChild(el("div", r, "muted")); });
    }
  });
  section("strategies", p.strategies, function (li, s) {
    li.appendChild(el("strong", label(s.strategy)));
    li.appendChild(el("span", "  " + label(s.stance), "muted"));
    quotes(li, s.quotes);
  });
  section("documents", p.documents, function (li, d) {
    li.appendChild(el("strong", d.title || d.file || d.doc));
    li.appendChild(el("div", [d.source || ui.unknown_source, d.date || ui.undated, d.language, d.file].filter(Boolean).join(" · "), "muted"));
  });
  section("merges", p.merges, function (li, m) {
    li.appendChild(el("strong", (m.merged ? ui.merged : ui.apart) + (m.score !== null ? "  " + ui.score + " " + m.score.toFixed(2) : "")));
    li.appendChild(document.createTextNode("  " + (m.mentions.length ? m.mentions.join(" + ") : m.form)));
    if (m.ruling) li.appendChild(el("div", m.ruling + " — " + m.by + " " + m.at, "muted"));
    if (m.rules.length) {
      var ul = el("ul");
      m.rules.forEach(function (r) { ul.appendChild(el("li", r.rule + " " + (r.weight >= 0 ? "+" : "") + r.weight.toFixed(2) + (r.detail ? " (" + r.detail + ")" : ""))); });
      li.appendChild(el("div", ui.rules + ":", "muted")); li.appendChild(ul);
    } else if (m.reason) li.appendChild(el("div", m.reason, "muted"));
  });
})();
