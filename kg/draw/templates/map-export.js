// Export of the current view, offline: PNG from the map's canvas (on white), SVG drawn from the visible
// nodes' and edges' positions, shapes and colours with the labels now shown. All text goes in as text
// nodes, so the XML serializer escapes it. Files are handed over as data: links, no request is made.
(function () {
  "use strict";
  var map = window.kgMap;
  if (!map) return;
  var SVG = "http://www.w3.org/2000/svg";

  function download(href, name) {
    var a = document.createElement("a");
    a.href = href; a.download = name; a.style.display = "none";
    document.body.appendChild(a); a.click(); document.body.removeChild(a);
  }

  function png() {
    var source = document.querySelector("#map canvas");
    var out = document.createElement("canvas");
    out.width = source.width; out.height = source.height;
    var ctx = out.getContext("2d");
    ctx.fillStyle = "#ffffff"; ctx.fillRect(0, 0, out.width, out.height);
    ctx.drawImage(source, 0, 0);
    download(out.toDataURL("image/png"), "kg-map.png");
  }

  function svg() {
    var net = map.network, pos = net.getPositions();
    var nodes = map.nodes.get({ filter: function (n) { return !n.hidden && pos[n.id]; } });
    var edges = map.edges.get({ filter: function (e) { return !e.hidden && pos[e.from] && pos[e.to]; } });
    var doc = document.implementation.createDocument(SVG, "svg", null), root = doc.documentElement;
    var xs = [], ys = [], size = net.getScale() ? 14 / net.getScale() : 14;
    nodes.forEach(function (n) { var p = pos[n.id], r = (n.size || 10) + size * 2; xs.push(p.x - r * 4, p.x + r * 4); ys.push(p.y - r, p.y + r + size * 2); });
    var x0 = Math.min.apply(null, xs.concat([0])), y0 = Math.min.apply(null, ys.concat([0]));
    var x1 = Math.max.apply(null, xs.concat([1])), y1 = Math.max.apply(null, ys.concat([1]));
    root.setAttribute("viewBox", [x0, y0, x1 - x0, y1 - y0].map(function (v) { return v.toFixed(1); }).join(" "));
    root.setAttribute("font-family", map.data.options.nodes.font.face);
    var title = doc.createElementNS(SVG, "title"); title.textContent = map.data.title; root.appendChild(title);
    var bg = doc.createElementNS(SVG, "rect");
    ["x", "y", "width", "height"].forEach(function (k, i) { bg.setAttribute(k, [x0, y0, x1 - x0, y1 - y0][i]); });
    bg.setAttribute("fill", "#ffffff"); root.appendChild(bg);
    edges.forEach(function (e) {
      var line = doc.createElementNS(SVG, "line"), a = pos[e.from], b = pos[e.to];
      line.setAttribute("x1", a.x); line.setAttribute("y1", a.y); line.setAttribute("x2", b.x); line.setAttribute("y2", b.y);
      line.setAttribute("stroke", "#999999"); line.setAttribute("stroke-width", Math.min(8, 1 + Math.log(e.value || 1)));
      if (e.dashes) line.setAttribute("stroke-dasharray", "6 4");
      root.appendChild(line);
    });
    nodes.forEach(function (n) {
      var p = pos[n.id], fill = typeof n.color === "string" ? n.color : n.color.background;
      var shape = map.shapeSvg(n.shape, p.x, p.y, n.size || 10, fill);
      var hover = doc.createElementNS(SVG, "title"); hover.textContent = n.title || ""; shape.appendChild(hover);
      root.appendChild(doc.importNode(shape, true));
      var label = (map.labels || {})[n.id];
      if (label) {
        var t = doc.createElementNS(SVG, "text");
        t.setAttribute("x", p.x); t.setAttribute("y", p.y + (n.size || 10) + size * 1.1);
        t.setAttribute("font-size", size.toFixed(2)); t.setAttribute("text-anchor", "middle");
        t.textContent = label; root.appendChild(t);
      }
    });
    var text = new XMLSerializer().serializeToString(doc);
    download("data:image/svg+xml;charset=utf-8," + encodeURIComponent(text), "kg-map.svg");
    return text;
  }

  document.getElementById("export-png").addEventListener("click", png);
  document.getElementById("export-svg").addEventListener("click", svg);
  map.exportSvg = svg;
})();
