// The map page: reads the embedded JSON, draws it with vis-network, filters by type and date.
// Text from articles is only ever set with textContent (never innerHTML) and titles are plain strings.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("data").textContent);
  document.getElementById("heading").textContent = data.title;
  document.title = data.title;
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var hiddenTypes = {};
  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });

  function el(tag, text) { var e = document.createElement(tag); if (text !== undefined) e.textContent = text; return e; }

  var types = document.getElementById("types");
  data.legend.forEach(function (t) {
    var label = el("label"); var box = el("input"); box.type = "checkbox"; box.checked = true;
    box.addEventListener("change", function () { hiddenTypes[t.kind] = !box.checked; apply(); });
    var swatch = el("i"); swatch.style.background = t.color;
    var span = el("span"); span.appendChild(box); span.appendChild(swatch); span.appendChild(document.createTextNode(t.label + " (" + t.count + ")"));
    label.appendChild(span); types.appendChild(label);
  });

  function inRange(date, from, to) {
    if (!date) return true;
    return (!from || date >= from) && (!to || date <= to);
  }

  function apply() {
    var from = document.getElementById("from").value, to = document.getElementById("to").value;
    var visibleNodes = {};
    var nodeUpdates = data.nodes.map(function (n) {
      var show = !hiddenTypes[n.kind] && inRange(n.date, from, to);
      if (show) visibleNodes[n.id] = true;
      return { id: n.id, hidden: !show };
    });
    var shown = 0;
    var edgeUpdates = data.edges.map(function (e) {
      var show = visibleNodes[e.from] && visibleNodes[e.to] && (!e.dates.length || e.dates.some(function (d) { return inRange(d, from, to); }));
      if (show) shown++;
      return { id: e.id, hidden: !show };
    });
    var anyNode = Object.keys(visibleNodes).length > 0;
    document.getElementById("notice").textContent = anyNode ? "" : "Nothing matches these filters; showing everything.";
    if (!anyNode) { nodeUpdates.forEach(function (u) { u.hidden = false; }); edgeUpdates.forEach(function (u) { u.hidden = false; }); }
    nodes.update(nodeUpdates); edges.update(edgeUpdates);
  }
  document.getElementById("from").addEventListener("change", apply);
  document.getElementById("to").addEventListener("change", apply);
  document.getElementById("reset").addEventListener("click", function () {
    hiddenTypes = {}; document.getElementById("from").value = ""; document.getElementById("to").value = "";
    Array.prototype.forEach.call(types.querySelectorAll("input"), function (b) { b.checked = true; });
    apply();
  });

  function showDetails(items, heading) {
    var box = document.getElementById("details");
    while (box.firstChild) box.removeChild(box.firstChild);
    box.appendChild(el("h2", heading));
    items.forEach(function (r) {
      var div = el("div");
      div.appendChild(el("strong", r.relation + (r.detail ? " (" + r.detail + ")" : "") + (r.date ? ", " + r.date : "")));
      if (r.between) div.appendChild(el("div", r.between));
      if (r.quote) div.appendChild(el("blockquote", r.quote));
      if (r.doc) div.appendChild(el("div", "source: " + r.doc));
      box.appendChild(div);
    });
  }

  var network = new vis.Network(document.getElementById("map"), { nodes: nodes, edges: edges }, data.options);
  network.on("click", function (params) {
    if (params.edges.length && !params.nodes.length) {
      var e = edges.get(params.edges[0]);
      var src = data.edges.filter(function (x) { return x.id === e.id; })[0];
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
          related.push({ relation: r.relation, detail: r.detail, date: r.date, quote: r.quote, doc: r.doc,
                         between: byId[x.from].label + " — " + byId[x.to].label });
        });
      }
    });
    showDetails(related, byId[id].label + " · " + byId[id].kindLabel);
    var page = byId[id].profile;  // a person's profile page, a relative path kg wrote (no scheme can pass)
    if (page && /^[A-Za-z0-9._\/-]+\.html$/.test(page)) {
      var a = el("a", "Profile"); a.href = page; a.id = "profile-link";
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
    if (!hit) { document.getElementById("notice").textContent = "Nothing here is called " + want; return; }
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
  if (data.options.physics && data.options.physics.enabled) {
    network.once("stabilizationIterationsDone", function () { network.setOptions({ physics: { enabled: false } }); });
  }
  window.kgMap = { network: network, nodes: nodes, edges: edges, apply: apply };
})();
