"""The `kg` command line: a thin click layer over the library (see `kg.pipeline`)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg import __version__

DEFAULT_OUT = Path("out")
DEFAULT_SEEDS = Path("seeds")


def _default_graph(out: Path = DEFAULT_OUT) -> Path:
    return out / "graph.ttl"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
def main() -> None:
    """kg: a knowledge graph of the actors behind regional development in Changchun and Jilin,
    built from news articles in English, Chinese and Russian."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_OUT,
              show_default=True, help="Folder for graph.ttl, graph.nq and report.json.")
@click.option("--max-bytes", type=click.IntRange(min=1), default=None,
              help="Skip files larger than this (default 20 MiB).")
@click.option("--validate/--no-validate", default=True, show_default=True,
              help="Check the built graph against ontology/shapes.ttl.")
@click.option("--strict", is_flag=True, help="Exit with status 3 if any file was skipped or failed.")
def build(paths: tuple[Path, ...], out_dir: Path, max_bytes: int | None, validate: bool, strict: bool) -> None:
    """Build the graph from PATHS (files or folders; default: seeds/).

    Writes OUT/graph.ttl (the whole graph), OUT/graph.nq (one named graph per document) and
    OUT/report.json. Exit status: 0 built; 1 the graph does not validate; 3 with --strict when a
    file was skipped.
    """
    from kg.documents import DEFAULT_MAX_BYTES
    from kg.pipeline import build as run_build
    from kg.rdfbuild import union_graph

    result = run_build(list(paths) or [DEFAULT_SEEDS], out_dir, max_bytes or DEFAULT_MAX_BYTES)
    click.echo(result.report.summary())
    status = 0
    if validate:
        from kg.validate import validate_graph

        validation = validate_graph(union_graph(result.dataset))
        click.echo(validation.summary())
        status = 0 if validation.conforms else 1
    if strict and (result.report.skipped or result.report.failed):
        click.echo("strict: some files were skipped", err=True)
        status = status or 3
    sys.exit(status)


@main.command()
@click.option("--graph", "graph_path", type=click.Path(dir_okay=False, path_type=Path),
              default=_default_graph(), show_default=True, help="A built graph (Turtle).")
def validate(graph_path: Path) -> None:
    """Validate a built graph against the SHACL shapes; exit 1 on violations."""
    from rdflib import Graph

    from kg.validate import validate_graph

    if not graph_path.exists():
        raise click.ClickException(f"{graph_path} does not exist: run `kg build` first")
    result = validate_graph(Graph().parse(graph_path, format="turtle"))
    click.echo(result.summary())
    sys.exit(0 if result.conforms else 1)


@main.command(name="eval")
@click.argument("docs", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--gold", "gold_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=Path("tests/gold"), show_default=True, help="Folder of gold annotation files (*.json).")
@click.option("--root", type=click.Path(exists=True, file_okay=False, path_type=Path), default=Path("."),
              show_default=True, help="Folder the gold files' document paths are relative to.")
@click.option("--verbose", "-v", is_flag=True, help="List the missing and spurious facts.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def evaluate_cmd(docs: tuple[Path, ...], gold_dir: Path, root: Path, verbose: bool, as_json: bool) -> None:
    """Score extraction against gold annotations: precision, recall and F1 per language and kind
    (persons, posts, event participants, who-met pairs, events, cross-language merges, ...).

    DOCS limits the scoring to these documents (default: every document named in the gold)."""
    import json

    from kg.evaluate import evaluate, government_places
    from kg.ontology import ontology_dir

    report = evaluate(gold_dir, root, list(docs) or None, government_places(ontology_dir() / "reference"))
    if as_json:
        click.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=2, sort_keys=True))
    else:
        click.echo(report.table(verbose=verbose))


if __name__ == "__main__":  # pragma: no cover
    main()
