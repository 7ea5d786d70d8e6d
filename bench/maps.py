"""Benchmark: how long a map of N nodes takes to render in Python, its size, and how long headless
Chromium takes to load it until vis-network has drawn (the `afterDrawing` event).

Run: .venv/bin/python bench/maps.py [N ...]   (default 1000 5000 20000)
     --runs R (3: medians printed)   --out FILE (default bench/results-maps.txt)
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.draw.maps import MapView, render_map  # noqa: E402

FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"]


def synthetic(n: int) -> nx.Graph:
    """A who-met-like graph: n people, a few hubs (preferential attachment), 2 edges per node."""
    base = nx.barabasi_albert_graph(n, 2, seed=n)
    g = nx.Graph()
    for i in base.nodes:
        g.add_node(f"kgr:person/p{i}", kind="Person", labels={"en": f"Person {i}", "zh": f"人物{i}"}, label=f"Person {i}")
    for a, b in base.edges:
        g.add_edge(f"kgr:person/p{a}", f"kgr:person/p{b}", weight=1, evidence=[
            {"relation": "met at Meeting", "detail": "Met / Met", "date": "2023-01-05",
             "quote": f"Person {a} met with Person {b} in Changchun.", "doc": "kgr:doc/x"}])
    return g


def main() -> None:
    from playwright.sync_api import sync_playwright

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("sizes", nargs="*", type=int, default=[1000, 5000, 20000])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "results-maps.txt")
    ap.add_argument("--tiny", action="store_true", help="one small size: a smoke test for CI (results not written unless --out is given)")
    args = ap.parse_args()
    if args.tiny:
        args.sizes = [50]
        if "--out" not in sys.argv:
            args.out = Path(os.devnull)
    lines = [f"{'nodes':>6} {'render s':>9} {'MB':>6} {'KB/node':>8} {'browser s':>10}  (medians of {args.runs})"]
    print(lines[0], flush=True)
    with sync_playwright() as p, tempfile.TemporaryDirectory() as tmp:
        browser = p.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium", args=FLAGS)
        for n in args.sizes:
            g = synthetic(n)
            renders, loads = [], []
            for _ in range(args.runs):
                t = time.perf_counter()
                page_html = render_map(MapView(f"{n} people", g))
                renders.append(time.perf_counter() - t)
            path = Path(tmp) / f"map-{n}.html"
            path.write_text(page_html, encoding="utf-8")
            for _ in range(args.runs):
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                t = time.perf_counter()
                page.goto(path.as_uri())
                page.wait_for_function("window.kgMap", timeout=120_000)
                page.evaluate("() => new Promise(r => { kgMap.network.once('afterDrawing', r); kgMap.network.redraw(); })")
                loads.append(time.perf_counter() - t)
                page.close()
            size = len(page_html.encode("utf-8"))
            line = (f"{n:>6} {statistics.median(renders):>9.2f} {size / 1e6:>6.2f} {size / n / 1e3:>8.2f} "
                    f"{statistics.median(loads):>10.2f}")
            print(line, flush=True)
            lines.append(line)
        browser.close()
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
