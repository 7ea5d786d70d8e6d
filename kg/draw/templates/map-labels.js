// Labels that never overlap: at any zoom, the most central nodes (lowest `rank`) in view are labelled
// first, at a constant size on screen, and a label whose box would touch one already placed, or another
// node, is left out until zooming in makes room. Node names stay in the data (search, panel, tooltip).
// Boxes are kept in a grid of cells, so placing labels among 20,000 nodes stays linear.
(function () {
  "use strict";
  var map = window.kgMap;
  if (!map) return;
  var net = map.network, data = map.data;
  var PX = 14, MAX_LABELS = 300, MAX_CHARS = 40, PAD = 3, CELL = 80;
  var font = data.options.nodes.font.face;
  var order = data.nodes.slice().sort(function (a, b) { return a.rank - b.rank; });
  var ctx = document.createElement("canvas").getContext("2d");
  ctx.font = PX + "px " + font;
  var widths = {};  // node id -> its label's width on screen, px
  var pending = false;

  function text(n) { return n.label.length > MAX_CHARS ? n.label.slice(0, MAX_CHARS - 1) + "…" : n.label; }
  function overlaps(a, b) { return a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2; }

  // A grid of boxes (canvas units): add a box with its owner, ask whether a box touches any other owner's.
  function grid(cell) {
    var cells = {};
    function each(b, f) {
      for (var i = Math.floor(b.x1 / cell); i <= Math.floor(b.x2 / cell); i++)
        for (var j = Math.floor(b.y1 / cell); j <= Math.floor(b.y2 / cell); j++) f(i + "," + j);
    }
    return {
      add: function (b, owner) { each(b, function (k) { (cells[k] = cells[k] || []).push([owner, b]); }); },
      hits: function (b, owner) {
        var hit = false;
        each(b, function (k) { hit = hit || (cells[k] || []).some(function (o) { return o[0] !== owner && overlaps(o[1], b); }); });
        return hit;
      }
    };
  }

  function relabel() {
    pending = false;
    var scale = net.getScale(), size = PX / scale, pad = PAD / scale;
    var box = document.getElementById("map").getBoundingClientRect();
    var tl = net.DOMtoCanvas({ x: 0, y: 0 }), br = net.DOMtoCanvas({ x: box.width, y: box.height });
    var pos = net.getPositions(), boxes = grid(CELL / scale), placed = 0, changed = false, shown = [], items = {};
    map.nodes.get({ fields: ["id", "hidden", "size"] }).forEach(function (x) { items[x.id] = x; });
    order.forEach(function (n) {  // every drawn node in view is an obstacle to the others' labels
      var p = pos[n.id], item = items[n.id];
      if (!p || !item || item.hidden || p.x < tl.x || p.x > br.x || p.y < tl.y || p.y > br.y) return;
      var r = item.size || 10;
      boxes.add({ x1: p.x - r, x2: p.x + r, y1: p.y - r, y2: p.y + r }, n.id);
      shown.push([n, p, r]);
    });
    var want = {};
    shown.forEach(function (s) {
      var n = s[0], p = s[1], r = s[2];
      if (placed >= MAX_LABELS || !n.label) return;
      var t = text(n), w = (widths[n.id] = widths[n.id] || ctx.measureText(t).width) / scale;
      var b = { x1: p.x - w / 2 - pad, x2: p.x + w / 2 + pad, y1: p.y + r, y2: p.y + r + size * 1.4 + pad };
      if (!boxes.hits(b, n.id)) { boxes.add(b, n.id + " label"); placed++; want[n.id] = t; }
    });
    // set on the drawn nodes directly: a DataSet update makes vis-network redo every node (seconds at 20,000)
    data.nodes.forEach(function (n) {
      var label = want[n.id] || "", node = net.body.nodes[n.id];
      if (!node || (node.options.label || "") === label && (!label || node.options.font.size === size)) return;
      node.setOptions(label ? { label: label, font: { size: size } } : { label: "" });
      changed = true;
    });
    if (changed) net.redraw();
    map.labels = want;
    map.labelled = placed;
    map.labelsReady = map.settled;  // labels placed on the settled layout (the tests wait for this)
  }
  function later() { if (!pending) { pending = true; window.requestAnimationFrame(relabel); } }

  ["zoom", "dragEnd", "stabilized", "stabilizationIterationsDone", "resize"].forEach(function (ev) { net.on(ev, later); });
  map.afterApply.push(later);
  map.relabel = relabel;
  relabel();
})();
