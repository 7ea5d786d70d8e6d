"""Benchmark: extraction time of one long document (1k, 4k, 16k sentences by default), per language.

Each document is made of the sentences of the seeds and the composed test articles of its language,
repeated in order, five to a paragraph, under one title and date; `kg.build.pipeline.process_document`
(extraction and rendering, no cache) is timed once per size in this process. Extraction is linear in
length when the 4k document takes about 4x the 1k one (the hardening issue asks for under 5x).

Run: .venv/bin/python bench/long_document.py [N ...] [--langs en,zh,ru] [--out FILE]
(default 1000 4000 16000, all three languages, bench/results-long-document.txt)
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from kg.build.pipeline import process_document
from kg.extract.evidence import document_sentences
from kg.model.ontology import load_reference
from kg.read.documents import Document, read_document, read_path

ROOT = Path(__file__).resolve().parent.parent


def long_document(lang: str, n: int) -> Document:
    """A document of `n` sentences of the project's own articles in `lang`."""
    paths = sorted(ROOT.glob(f"seeds/*_{lang}_*.txt")) + sorted(ROOT.glob(f"tests/data/articles/*_{lang}_*.txt"))
    docs = [read_path(p, p.name) for p in paths]
    sentences = [" ".join(d.view[s:e].split()) for d in docs for s, e in document_sentences(d) if e - s > 20]
    body = [sentences[i % len(sentences)] for i in range(n)]
    joiner = "" if lang == "zh" else " "
    paragraphs = [joiner.join(body[i:i + 5]) for i in range(0, n, 5)]
    text = "Long report\n2023-05-12\n\n" + "\n\n".join(paragraphs) + "\n"
    doc = read_document(text.encode("utf-8"), f"long-{lang}-{n}.txt")
    assert isinstance(doc, Document), doc
    return doc


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("sizes", nargs="*", type=int, default=[1000, 4000, 16000])
    ap.add_argument("--langs", default="en,zh,ru")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results-long-document.txt")
    ap.add_argument("--tiny", action="store_true", help="one small size: a smoke test for CI (results not written unless --out is given)")
    args = ap.parse_args()
    if args.tiny:
        args.sizes = [100]
        if "--out" not in sys.argv:
            args.out = Path(os.devnull)
    ref = load_reference()
    process_document(long_document("en", 20), ref)  # load the gazetteer and the libraries first
    lines = ["process_document (extraction and rendering, no cache) of one long document, seconds:",
             f"{'lang':<5} " + " ".join(f"{n:>9}" for n in args.sizes) + "   ratio to the first size"]
    print(lines[0], lines[1], sep="\n", flush=True)
    for lang in args.langs.split(","):
        times = []
        for n in args.sizes:
            doc = long_document(lang, n)
            t = time.perf_counter()
            process_document(doc, ref)
            times.append(time.perf_counter() - t)
        ratios = " ".join(f"{t / times[0]:.1f}x" for t in times)
        line = f"{lang:<5} " + " ".join(f"{t:>9.1f}" for t in times) + f"   {ratios}"
        print(line, flush=True)
        lines.append(line)
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
