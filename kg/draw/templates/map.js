// The map page: reads the embedded JSON, draws it with vis-network, filters by type and date.
// Text from articles is only ever set with textContent (never innerHTML) and titles are plain strings.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("data").textContent);
  document.getElementById("heading").textContent = data.title;
  document.title = data.title;
  // drawn without labels: map-labels.js gives names to those it has room for
  var nodes = new vis.DataSet(data.nodes.map(function (n) { return Object.assign({}, n, { label: "" }); }));
  var edges = new vis.DataSet(data.edges);
  var hiddenTypes = {};
  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });
  var afterApply = [];  // functions run after every filter change (label placement)
  var shown = null;     // what the panel describes: {node: id} or {edge: id}
  var SVG = "http://www.w3.org/2000/svg";

  function el(tag, text) { var e = document.createElement(tag); if (text !== undefined) e.textContent = text; return e; }
  // A phrase of the page in its language, placeholders {name} filled from `values`.
  function T(key, values) {
    return (data.text[key] || key).replace(/\{([a-z]+)\}/g, function (m, k) { return values && k in values ? values[k] : m; });
  }

  // The outline of a vis-network shape as an SVG element centred on (x, y), radius r.
  function shapeSvg(shape, x, y, r, color) {
    var e, pts = [];
    function poly(list) { e = document.createElementNS(SVG, "polygon"); e.setAttribute("points", list.map(function (p) { return p[0].toFixed(2) + "," + p[1].toFixed(2); }).join(" ")); }
    function ring(n, start, radii) {
      for (var i = 0; i < n; i++) { var a = start + i * 2 * Math.PI / n, rr = radii[i % radii.length]; pts.push([x + rr * Math.cos(a), y + rr * Math.sin(a)]); }
      poly(pts);
    }
    if (shape === "square") { e = document.createElementNS(SVG, "rect"); e.setAttribute("x", x - r); e.setAttribute("y", y - r); e.setAttribute("width", 2 * r); e.setAttribute("height", 2 * r); }
    else if (shape === "diamond") ring(4, -Math.PI / 2, [r]);
    else if (shape === "hexagon") ring(6, 0, [r]);
    else if (shape === "triangle") ring(3, -Math.PI / 2, [r]);
    else if (shape === "triangleDown") ring(3, Math.PI / 2, [r]);
    else if (shape === "star") ring(10, -Math.PI / 2, [r, r * 0.45]);
    else { e = document.createElementNS(SVG, "circle"); e.setAttribute("cx", x); e.setAttribute("cy", y); e.setAttribute("r", r); }
    e.setAttribute("fill", color); e.setAttribute("stroke", "#333333"); e.setAttribute("stroke-width", Math.max(0.5, r / 10));
    e.setAttribute("data-shape", shape);
    return e;
  }

  var types = document.getElementById("types");
  data.legend.forEach(function (t) {
    var label = el("label"); var box = el("input"); box.type = "checkbox"; box.checked = true;
    box.addEventListener("change", function () { hiddenTypes[t.kind] = !box.checked; apply(); });
    var swatch = document.createElementNS(SVG, "svg"); swatch.setAttribute("viewBox", "0 0 20 20");
    swatch.appendChild(shapeSvg(t.shape, 10, 10, 8, t.color));
    var span = el("span"); span.setAttribute("data-kind", t.kind);
    span.appendChild(box); span.appendChild(swatch); span.appendChild(document.createTextNode(t.label + " (" + t.count + ")"));
    label.appendChild(span); types.appendChild(label);
  });

  function inRange(date, from, to) {
    if (!date) return true;
    return (!from || date >= from) && (!to || date <= to);
  }

  // Filters: a node shows when its kind is ticked, its own date (events, agreements) is in range and it
  // keeps a visible relationship (a node with none in the data shows while no date is set); an edge shows
  // when both ends pass and, with a date set, one of its dates is in range. Nothing left: a notice.
  function apply() {
    var from = document.getElementById("from").value, to = document.getElementById("to").value;
    var dated = !!(from || to), passes = {}, kept = {};
    data.nodes.forEach(function (n) { if (!hiddenTypes[n.kind] && inRange(n.date, from, to)) passes[n.id] = true; });
    var edgeUpdates = data.edges.map(function (e) {
      var show = !!(passes[e.from] && passes[e.to]) &&
        (dated ? e.dates.some(function (d) { return inRange(d, from, to); }) : true);
      if (show) { kept[e.from] = kept[e.to] = true; }
      return { id: e.id, hidden: !show };
    });
    var degree = {};
    data.edges.forEach(function (e) { degree[e.from] = degree[e.to] = true; });
    var visible = 0;
    var nodeUpdates = data.nodes.map(function (n) {
      var show = !!passes[n.id] && (kept[n.id] || (!degree[n.id] && !dated));
      if (show) visible++;
      return { id: n.id, hidden: !show };
    });
    document.getElementById("notice").textContent = visible ? "" : T("nothing-matches");
    nodes.update(nodeUpdates); edges.update(edgeUpdates);
    clearStale();
    afterApply.forEach(function (f) { f(); });
  }

  // The panel describes nothing hidden: a node or edge the filters took away empties it.
  function clearStale() {
    if (!shown) return;
    var item = shown.node ? nodes.get(shown.node) : edges.get(shown.edge);
    if (item && !item.hidden) return;
    shown = null;
    network.unselectAll();
    var box = document.getElementById("details");
    while (box.firstChild) box.removeChild(box.firstChild);
    box.appendChild(el("p", T("help")));
  }
  document.getElementById("from").addEventListener("change", apply);
  document.getElementById("to").addEventListener("change", apply);
  document.getElementById("reset").addEventListener("click", function () {
    hiddenTypes = {}; document.getElementById("from").value = ""; document.getElementById("to").value = "";
    Array.prototype.forEach.call(types.querySelectorAll("input"), function (b) { b.checked = true; });
    apply();
  });

  // Where a quote comes from: the article's title, publisher and date (its IRI when the graph has none).
  function sourceLine(doc) {
    var d = data.docs[doc] || {};
    var parts = [d.title, d.source, d.date].filter(function (x) { return x; });
    var line = el("div", T("source") + ": " + (parts.length ? parts.join(" · ") : doc));
    line.className = "source"; line.title = doc;
    return line;
  }

  // A meeting: each participant's sentence (once when both are named in the same one), with its source.
  function meetingSentences(div, r) {
    var groups = [];
    r.sentences.forEach(function (s) {
      var g = groups.filter(function (x) { return x.quote === s.quote && x.doc === s.doc; })[0];
      if (!g) { g = { quote: s.quote, doc: s.doc, who: [] }; groups.push(g); }
      g.who.push(s.person + (s.role ? " (" + s.role + ")" : ""));
    });
    groups.forEach(function (g) {
      div.appendChild(el("div", g.who.join(", "))).className = "who";
      if (g.quote) div.appendChild(el("blockquote", g.quote));
      if (g.doc) div.appendChild(sourceLine(g.doc));
    });
  }

  function showDetails(items, heading) {
    var box = document.getElementById("details");
    while (box.firstChild) box.removeChild(box.firstChild);
    box.appendChild(el("h2", heading));
    items.forEach(function (r) {
      var div = el("div"); div.className = "event";
      div.appendChild(el("strong", r.relation + (r.detail ? " (" + r.detail + ")" : "") + (r.date ? ", " + r.date : "")));
      if (r.between) div.appendChild(el("div", r.between));
      if (r.sentences) meetingSentences(div, r);
      else {
        if (r.quote) div.appendChild(el("blockquote", r.quote));
        if (r.doc) div.appendChild(sourceLine(r.doc));
      }
      box.appendChild(div);
    });
  }

  var network = new vis.Network(document.getElementById("map"), { nodes: nodes, edges: edges }, data.options);
  network.on("click", function (params) {
    if (params.edges.length && !params.nodes.length) {
      var e = edges.get(params.edges[0]);
      var src = data.edges.filter(function (x) { return x.id === e.id; })[0];
      shown = { edge: src.id };
      showDetails(src.evidence, byId[src.from].label + " — " + byId[src.to].label);
    } else if (params.nodes.length) {
      describeNode(params.nodes[0]);
    }
  });
  // Search: the first node whose names (its label, its names in other scripts, its id) contain the text,
  // ignoring case; selected, focused and described as a click would.
  function describeNode(id) {
    var related = [];
    data.edges.forEach(function (x) {
      if (x.from === id || x.to === id) {
        x.evidence.forEach(function (r) {
          related.push(Object.assign({}, r, { between: byId[x.from].label + " — " + byId[x.to].label }));
        });
      }
    });
    shown = { node: id };
    showDetails(related, byId[id].label + " · " + byId[id].kindLabel);
    var page = byId[id].profile;  // a person's profile page, a relative path kg wrote (no scheme can pass)
    if (page && /^[A-Za-z0-9._\/-]+\.html$/.test(page)) {
      var a = el("a", T("profile")); a.href = page; a.id = "profile-link";
      var box = document.getElementById("details"); box.insertBefore(a, box.children[1] || null);
    }
  }
  document.getElementById("find").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var want = document.getElementById("search").value.trim().toLowerCase();
    if (!want) return;
    var hit = data.nodes.filter(function (n) {
      return n.label.toLowerCase().indexOf(want) >= 0 || (n.title || "").toLowerCase().indexOf(want) >= 0;
    })[0];
    if (!hit) { document.getElementById("notice").textContent = T("nothing-called", { text: want }); return; }
    document.getElementById("notice").textContent = "";
    nodes.update({ id: hit.id, hidden: false });
    network.selectNodes([hit.id]);
    network.focus(hit.id, { scale: 1.2 });
    describeNode(hit.id);
  });
  if (data.focus && byId[data.focus]) {  // an ego map opens on its ego
    network.selectNodes([data.focus]);
    describeNode(data.focus);
  }
  window.kgMap = { network: network, nodes: nodes, edges: edges, apply: apply, data: data, afterApply: afterApply,
                   shapeSvg: shapeSvg, T: T, settled: !(data.options.physics && data.options.physics.enabled) };
  if (!window.kgMap.settled) {  // the layout settles once: then it stays where it is (and where the user drags it)
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      window.kgMap.settled = true;
    });
  }
})();
