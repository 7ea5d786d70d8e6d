"""The `kg` command line: a thin click layer over the library (see `kg.build.pipeline`)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import click

from kg import __version__
from kg.errors import KgError
from kg.lang import LANGUAGES

DEFAULT_OUT = Path("out")
DEFAULT_SEEDS = Path("seeds")


def _default_graph(out: Path = DEFAULT_OUT) -> Path:
    return out / "graph.ttl"


def echo(message: object = "", **kwargs) -> None:
    """Everything kg prints goes through here: text from articles, file names and servers is made
    harmless for the terminal (kg.text.safetext.terminal_text)."""
    from kg.text.safetext import terminal_text

    click.echo(terminal_text(str(message)), **kwargs)


class _Group(click.Group):
    """kg's command group: every error is one line (or a few) of clean text, never a traceback: a
    KgError (kg.errors) becomes its message with its exit status, an OSError (the file system's) that a
    command did not catch an error message, and every error message goes through kg.text.safetext.terminal_text."""

    def invoke(self, ctx: click.Context):
        from kg.text.safetext import terminal_text

        _library_warnings()
        try:
            return super().invoke(ctx)
        except click.ClickException as exc:
            exc.message = terminal_text(exc.message)  # type: ignore[misc]  # click marks it Final; the class and exit code stay
            raise
        except KgError as exc:
            raise (_UsageFailure if exc.exit_code == 2 else _Failure)(terminal_text(str(exc))) from None
        except OSError as exc:  # the file system refused (a folder that is a file, no space, no permission)
            from kg.read.documents import printable_path

            where = printable_path(exc.filename) if exc.filename else ""
            why = f"{where} is a file, not a folder" if isinstance(exc, FileExistsError) and where else \
                f"{exc.strerror or exc}" + (f": {where}" if where else "")
            raise click.ClickException(terminal_text(f"cannot write or read there: {why}")) from None


class _Failure(click.ClickException):
    """A KgError as click reports it: `Error: <message>` on stderr, exit 1."""


class _UsageFailure(click.ClickException):
    """A KgError whose exit code is 2 (a usage error), reported the same way."""

    exit_code = 2


def _library_warnings() -> None:
    """rdflib's warnings (a literal that is not of its datatype, an IRI with spaces: from an article or
    an endpoint's answer) as one escaped line each on stderr, without the traceback its logger adds."""
    import logging

    class OneLine(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            text = (record.getMessage().strip().splitlines() or [""])[0]
            echo(f"warning: {text[:300]}", err=True)

    logger = logging.getLogger("rdflib")
    if not any(type(h).__name__ == "OneLine" for h in logger.handlers):
        logger.addHandler(OneLine(logging.WARNING))
        logger.propagate = False


class _Seconds(click.ParamType):
    """A positive, finite number of seconds (not inf, nan, 0 or below), at most `most`."""

    name = "seconds"

    def __init__(self, least: float = 0.0, most: float = 7 * 86400):
        self.least, self.most = least, most

    def convert(self, value, param, ctx) -> float:
        import math

        try:
            seconds = float(value)
        except (TypeError, ValueError):
            self.fail(f"expected a number of seconds, not {value!r}", param, ctx)
        if not math.isfinite(seconds) or seconds <= 0 or seconds < self.least or seconds > self.most:
            low = f"at least {self.least:g}" if self.least else "more than 0"
            self.fail(f"expected a number of seconds {low} and at most {self.most:g}, not {value!r}", param, ctx)
        return seconds


SECONDS = _Seconds()


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
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
@click.option("--maps/--no-maps", default=True, show_default=True, help="Also write the standard maps to OUT/maps.")
@click.option("--jobs", "-j", type=click.IntRange(1), default=None,
              help="Worker processes for extraction (default: the number of cores).")
@click.option("--cache/--no-cache", default=True, show_default=True,
              help="Re-extract only documents whose content (or the extractor) changed; the cache is OUT/.cache.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors (no progress bar, no report).")
@click.option("--doc-timeout", type=_Seconds(least=1), default=600.0, show_default=True, metavar="SECONDS",
              help="Leave out, and report, a document whose extraction takes longer than this.")
@click.option("--judgements", "judgements_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              metavar="FILE", help="The analyst's judgements on who is who (kg merge / unmerge / split); "
                                   "default: judgements.tsv beside the corpus (read if it exists).")
@click.option("--store", "store_dir", type=click.Path(file_okay=False, path_type=Path), default=None, metavar="DIR",
              help="Also load the graph into an Oxigraph store in DIR (replacing what it held), for --store.")
@click.option("--scheduler", metavar="ADDRESS", default=None,
              help="Extract on a Dask cluster: its scheduler's address (tcp://HOST:8786), or local:N for N "
                   "worker processes here. The corpus is read here and sent to the workers.")
@click.option("--follow-links", is_flag=True,
              help="Read files and folders that symbolic links lead to outside the folders given (reported and skipped by default).")
def build(paths: tuple[Path, ...], out_dir: Path, max_bytes: int | None, validate: bool, strict: bool,
          maps: bool, jobs: int | None, cache: bool, quiet: bool, doc_timeout: float, store_dir: Path | None,
          judgements_path: Path | None, follow_links: bool, scheduler: str | None) -> None:
    """Build the graph from PATHS (files or folders; default: seeds/).

    Writes OUT/graph.ttl (the whole graph), OUT/graph.nq (one named graph per document),
    OUT/report.json, OUT/merges.json and the maps OUT/maps/map-*.html, all switched in together when
    complete; one build at a time writes into OUT. Exit status: 0 built; 1 the graph does not validate; 3 with --strict when a
    file was skipped.
    """
    import os

    from kg.build.cluster import SchedulerError, check_scheduler
    from kg.build.pipeline import build as run_build
    from kg.read.documents import DEFAULT_MAX_BYTES
    from kg.resolve.judgements import default_path

    missing = [p for p in paths if not os.path.lexists(p)]
    if missing:
        from kg.read.suggest import no_such_path

        raise click.UsageError(f"{'; '.join(map(no_such_path, missing))} (nothing was built, {out_dir} is as it was)")
    if not paths and not DEFAULT_SEEDS.is_dir():
        raise click.UsageError(f"give the articles to build (files or folders): there is no {DEFAULT_SEEDS}/ "
                               "folder here to build by default")

    if scheduler is not None:
        try:
            check_scheduler(scheduler)
        except SchedulerError as exc:
            raise click.UsageError(str(exc)) from None
    show = not quiet and sys.stderr.isatty() and not os.environ.get("CI")
    bar = _Progress() if show else None
    try:
        corpus = list(paths) or [DEFAULT_SEEDS]
        result = run_build(corpus, out_dir, max_bytes or DEFAULT_MAX_BYTES, maps=maps,
                           jobs=jobs or os.cpu_count() or 1, cache=cache, progress=bar, store_dir=store_dir,
                           budget=doc_timeout, follow_links=follow_links,
                           judgements=judgements_path or default_path(corpus[0]), scheduler=scheduler)
    finally:
        if bar is not None:
            bar.close()
    say = (lambda message: None) if quiet else echo  # --quiet: errors and skipped files only
    say(result.report.summary())
    if quiet and result.report.problems():
        echo("\n".join(result.report.problems()), err=True)
    if result.store_triples is not None:
        say(f"store: {result.store_triples} triples in {store_dir}")
    status = 0
    if validate:
        from kg.rdf.validate import validate_graph

        validation = validate_graph(result.validation_graph())
        total = len(result.report.documents)
        if result.validated_documents < total:
            say(f"validated a sample: {result.validated_documents} of {total} documents (the first by "
                f"content hash) with the reference and persons graphs; `kg validate` checks everything")
        if validation.conforms:
            say(validation.summary())
        else:
            echo(validation.summary(), err=quiet)
        status = 0 if validation.conforms else 1
    if strict and (result.report.skipped or result.report.failed):
        echo("strict: some files were skipped", err=True)
        status = status or 3
    sys.exit(status)


class _Progress:
    """A progress line on stderr: documents done of all, rate and time left (terminals only)."""

    def __init__(self) -> None:
        import time

        self.start = time.monotonic()
        self.shown = 0.0
        self.done = 0

    def __call__(self, done: int, total: int) -> None:
        import time

        self.done = done
        now = time.monotonic()
        if now - self.shown < 0.2 and done < total:
            return
        self.shown = now
        rate = done / max(now - self.start, 1e-6)
        eta = (total - done) / rate if rate else 0.0
        echo(f"\r{done}/{total} documents, {rate:.1f}/s, {eta:.0f} s left   ", err=True, nl=False)

    def close(self) -> None:
        if self.done:
            echo("", err=True)


@main.command()
@click.option("--graph", "graph_path", type=click.Path(dir_okay=False, path_type=Path),
              default=_default_graph(), show_default=True, help="A built graph (Turtle).")
def validate(graph_path: Path) -> None:
    """Validate a built graph against the SHACL shapes; exit 1 on violations."""
    from rdflib import Graph

    from kg.rdf.validate import validate_graph

    if not graph_path.exists():
        raise click.ClickException(f"{graph_path} does not exist: run `kg build` first")
    result = validate_graph(Graph().parse(graph_path, format="turtle"))
    echo(result.summary())
    sys.exit(0 if result.conforms else 1)


_memory_option = click.option(
    "--max-memory", type=click.IntRange(64), default=2048, show_default=True, metavar="MB",
    help="Memory a query may use, in MB; it runs in a child process that is stopped beyond this.")


def _graph_option(f):
    """--graph FILE, or --store DIR or --endpoint URL instead (kept in the context for _load_graph)."""
    import functools

    @functools.wraps(f)
    def wrapper(*args, store_dir=None, endpoint=None, engine="oxigraph", union_graph=False, max_answer=None,
                **kwargs):
        from click.core import ParameterSource

        ctx = click.get_current_context()
        given = [o for o, v in (("--store", store_dir), ("--endpoint", endpoint)) if v is not None]
        if ctx.get_parameter_source("graph_path") not in (None, ParameterSource.DEFAULT, ParameterSource.DEFAULT_MAP):
            given.insert(0, "--graph")
        if len(given) > 1:
            raise click.UsageError(f"{' and '.join(given)} are alternatives: give one of them")
        if ctx.get_parameter_source("engine") == ParameterSource.COMMANDLINE and (store_dir or endpoint):
            raise click.UsageError("--engine chooses how --graph is loaded: a --store or --endpoint answers itself")
        if union_graph and not endpoint:
            raise click.UsageError("--union-graph reads an --endpoint's kgr:graph/union (see kg push --union-graph)")
        if max_answer is not None and not endpoint:
            raise click.UsageError("--max-answer limits the answers of an --endpoint")
        ctx.meta["kg.graph_source"] = {"store_dir": store_dir, "endpoint": endpoint, "engine": engine,
                                       "union_graph": union_graph, "max_answer": max_answer,
                                       "timeout": kwargs.get("timeout")}
        return f(*args, **kwargs)

    wrapper = click.option("--max-answer", type=click.IntRange(1), default=None, metavar="MB",
                           help="The largest answer taken from the --endpoint, in MB (default 1024); a larger "
                                "one is an error.")(wrapper)

    wrapper = click.option("--union-graph", is_flag=True,
                           help="Ask the --endpoint to query kgr:graph/union as its default graph (the union "
                                "`kg push --union-graph` wrote; for Virtuoso).")(wrapper)

    wrapper = click.option("--engine", type=click.Choice(["oxigraph", "rdflib"]), default="oxigraph",
                           show_default=True,
                           help="What loads --graph into memory and answers queries: Oxigraph (fast), or "
                                "rdflib's default store (kg's reference evaluator; slow on large graphs).")(wrapper)

    wrapper = click.option("--endpoint", metavar="URL", default=None,
                           help="Read the graph from a SPARQL 1.1 query endpoint instead "
                                "(an Oxigraph server: http://HOST:PORT/query).")(wrapper)
    wrapper = click.option("--store", "store_dir", type=click.Path(file_okay=False, path_type=Path),
                           default=None, metavar="DIR",
                           help="Read the graph from an Oxigraph store written by `kg build --store DIR` "
                                "instead (no Turtle parsing).")(wrapper)
    return click.option("--graph", "graph_path", type=click.Path(dir_okay=False, path_type=Path),
                        default=_default_graph(), show_default=True,
                        help="A built graph (Turtle); default: the graph of the last `kg build`.")(wrapper)


def _is_dash(path: Path | str | None) -> bool:
    """Whether a file argument is `-`: stdin for an input, stdout for an output."""
    return path is not None and str(path) == "-"


def _to_stdout(write, name: str) -> None:
    """Run `write(path)` on a temporary file called `name` and copy what it wrote to stdout (`-o -`)."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="kg-stdout-") as tmp:
        target = Path(tmp) / name
        write(target)
        out = sys.stdout.buffer
        out.write(target.read_bytes())
        out.flush()


def _graph_source(path: Path) -> str:
    source = click.get_current_context().meta.get("kg.graph_source") or {}
    return str(source.get("store_dir") or source.get("endpoint") or path)


def _load_graph(path: Path):
    """The graph of --graph FILE (`-`: Turtle or N-Quads on stdin), --store DIR or --endpoint URL."""
    from kg.ask.store import load_bytes, open_graph

    source = click.get_current_context().meta.get("kg.graph_source") or {}
    if _is_dash(path):
        return load_bytes(sys.stdin.buffer.read(), source.get("engine", "oxigraph"))
    if source.get("store_dir") is None and source.get("endpoint") is None and not path.exists() \
            and path != _default_graph():
        from kg.read.suggest import no_such_path

        raise click.ClickException(no_such_path(path, "graph file"))
    if source.get("store_dir") is not None or source.get("endpoint") is not None:
        from kg.model.ns import UNION_GRAPH

        max_answer = source.get("max_answer")
        graph = open_graph(store_dir=source.get("store_dir"), endpoint=source.get("endpoint"),
                           default_graph=str(UNION_GRAPH) if source.get("union_graph") else None,
                           timeout=source.get("timeout") or 60.0,
                           max_answer=max_answer * 1024 * 1024 if max_answer else None)
    else:
        graph = open_graph(graph_path=path, engine=source.get("engine", "oxigraph"))
    _note_older_build(graph, _graph_source(path))
    return graph


def _note_older_build(graph, source: str) -> None:
    """Say once, on stderr, when `graph` was built by an older kg (kg.ask.vintage)."""
    from kg.ask.vintage import graph_note

    note = graph_note(graph, source)
    if note:
        click.echo(note, err=True)


def _build_reader(path: Path):
    """A kg.ask.reader.StoreReader of the store the build of `path` wrote, when the graph is read the default
    way (--graph, Oxigraph) and the store holds exactly that graph; else None. No rdflib is loaded."""
    source = click.get_current_context().meta.get("kg.graph_source") or {}
    if source.get("store_dir") is not None or source.get("endpoint") is not None or \
            source.get("engine", "oxigraph") != "oxigraph" or not path.exists():
        return None
    from kg.ask.reader import open_reader

    reader = open_reader(path)
    if reader is not None:
        _note_older_build(reader, str(path))
    return reader


def _date(ctx, param, value):
    """A day, or a year or month: --since 2023 is 2023-01-01, --until 2023-05 is 2023-05-31."""
    import calendar
    import datetime as dt
    import re

    if value is None:
        return None
    end = param.name == "until"
    try:
        if m := re.fullmatch(r"(\d{4})(?:-(\d{1,2}))?", value.strip()):
            year, month = int(m.group(1)), int(m.group(2) or (12 if end else 1))
            return dt.date(year, month, calendar.monthrange(year, month)[1] if end else 1)
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"expected a date like 2022-01-17, 2022-01 or 2022, not {value!r}") from None


@main.command(name="who-met")
@click.argument("name", required=False)
@_graph_option
@click.option("--all", "all_pairs_", is_flag=True, help="List every pair of people who met, not one person's.")
@click.option("--since", callback=_date, help="Only events on or after this date (YYYY-MM-DD, YYYY-MM or YYYY).")
@click.option("--until", callback=_date, help="Only events on or before this date (YYYY-MM-DD, YYYY-MM or YYYY).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True,
              help="table for reading, csv for spreadsheets, json for programs.")
@click.option("--timeout", type=SECONDS, default=None,
              help="Seconds before the query is stopped  [default: 10, or 120 with --all: every pair of a large graph].")
@click.option("--min-sources", type=click.IntRange(1), default=1, show_default=True,
              help="Only pairs whose meeting this many distinct publishers report.")
@click.option("--stated-only", is_flag=True,
              help="Leave out meetings that rest on an inference (an unnamed office holder linked by tenure).")
@click.option("--sort", "sort_by", type=click.Choice(["date", "sources"]), default="date", show_default=True,
              help="Newest first, or best corroborated first (sources, languages, documents; then newest).")
def who_met_cmd(name: str | None, graph_path: Path, all_pairs_: bool, since, until, fmt: str, timeout: float | None,
                min_sources: int, stated_only: bool, sort_by: str) -> None:
    """Everyone who took part in an event with NAME (any language or script: 王子联, Wang Zilian,
    Ван Цзылянь), newest first, with the event, date, place, both roles, the source and the quote.

    An ambiguous NAME lists the candidates; an unknown one suggests close names."""
    from kg.ask.lookup import PersonIndex, find_person
    from kg.ask.table import meetings_as

    if not all_pairs_ and not name:
        raise click.UsageError("give a NAME, or --all for every pair")
    if all_pairs_ and name:
        raise click.UsageError("give a NAME or --all, not both")
    graph = _build_reader(graph_path) or _load_graph(graph_path)
    timeout = timeout or (120.0 if all_pairs_ else 10.0)
    if all_pairs_:
        from kg.ask.whomet import all_pairs

        meetings = all_pairs(graph, since, until, PersonIndex(graph), timeout=timeout, stated_only=stated_only)
    else:
        from kg.ask.whomet import meeting_index, who_met

        stored = meeting_index(graph)  # a build's index finds most names without loading every person
        iri = stored.person(name or "") if stored is not None else None
        index = None
        if iri is None:
            index = PersonIndex(graph)
            iri = find_person(index, name or "", "kg who-met {}", _graph_source(graph_path)).iri
        meetings = who_met(graph, iri, since, until, index, timeout=timeout, stated_only=stated_only)
    from kg.ask.whomet import corroborated

    echo(meetings_as(corroborated(meetings, min_sources, sort_by == "sources"), fmt))


@main.command()
@click.argument("name")
@_graph_option
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True,
              help="table, csv, or SPARQL JSON.")
@click.option("--timeout", type=SECONDS, default=10.0, show_default=True, help="Seconds before the query is stopped.")
def posts(name: str, graph_path: Path, fmt: str, timeout: float) -> None:
    """The posts NAME held over time: each title and organization with the first and last date an
    article states it, how many documents do, and the successor who held a single-holder post next
    (the `tenures` named query; `kg query posts-of --param person=NAME` lists every statement)."""
    from kg.ask.lookup import PersonIndex, find_person
    from kg.ask.named import load_named
    from kg.ask.query import format_result, run_query

    graph = _load_graph(graph_path)
    person = find_person(PersonIndex(graph), name, "kg posts {}")
    res = run_query(graph, load_named()["tenures"].text, {"person": person.iri}, timeout=timeout)
    echo(format_result(res, fmt, graph))


# -- one person: kg person, kg profile ------------------------------------------------------------

def _merges_beside(graph_path: Path) -> list | None:
    """The build's merges.json beside --graph (the rules behind each merge decision), if it is there."""
    from kg.resolve.review import MergesError, read_merges

    try:
        return read_merges(graph_path.parent / "merges.json") if _graph_source(graph_path) == str(graph_path) else None
    except MergesError:
        return None


def _profile_of(name: str, graph_path: Path, timeout: float, command: str):
    """The profile (kg.ask.person) of the one person NAME names."""
    from kg.ask.lookup import PersonIndex, find_person
    from kg.ask.person import profile

    graph = _load_graph(graph_path)
    index = PersonIndex(graph)
    person = find_person(index, name, f"{command} {{}}")
    return profile(graph, person.iri, index, _merges_beside(graph_path), timeout)


@main.command()
@click.argument("name")
@_graph_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Text for reading, or JSON for programs.")
@click.option("--timeout", type=SECONDS, default=10.0, show_default=True, help="Seconds before each query is stopped.")
def person(name: str, graph_path: Path, fmt: str, timeout: float) -> None:
    """Who NAME is: names in every script, posts over time, events with roles and quotes, counterparts
    by shared events, strategies, documents, and the merge decisions behind the node."""
    import json

    from kg.ask.person import profile_text

    p = _profile_of(name, graph_path, timeout, "kg person")
    echo(json.dumps(p.to_json(), ensure_ascii=False, indent=1) if fmt == "json" else profile_text(p))


@main.command(name="profile")
@click.argument("name")
@_graph_option
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The HTML file to write.")
@click.option("--lang", type=click.Choice(LANGUAGES), default="en", show_default=True,
              help="Language of the page (its headings and the labels of places, roles and types).")
@click.option("--timeout", type=SECONDS, default=10.0, show_default=True, help="Seconds before each query is stopped.")
def profile_cmd(name: str, graph_path: Path, output: Path, lang: str, timeout: float) -> None:
    """Write NAME's profile (as `kg person` shows it) as one self-contained, offline HTML page."""
    from kg.draw.profile_page import write_profile

    p = _profile_of(name, graph_path, timeout, "kg profile")
    try:
        echo(f"{p.label}: {write_profile(p, output, lang)}")
    except OSError as exc:
        raise click.ClickException(f"cannot write {output}: {exc.strerror or exc}") from None


@main.command()
@click.argument("query", required=False)
@_graph_option
@click.option("--list", "list_", is_flag=True, help="List the named queries.")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="A parameter of a named query (repeatable); bound, never pasted into the query.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json", "ttl"]), default="table",
              show_default=True, help="table, csv, SPARQL JSON, or Turtle (for CONSTRUCT/DESCRIBE).")
@click.option("--timeout", type=SECONDS, default=10.0, show_default=True, help="Seconds before the query is stopped.")
@_memory_option
def query(query: str | None, graph_path: Path, list_: bool, params: tuple[str, ...], fmt: str, timeout: float,
          max_memory: int) -> None:
    """Run QUERY over the built graph: a named query (see --list), a .rq file, SPARQL text, or - to
    read the query from stdin.

    SELECT, ASK, CONSTRUCT and DESCRIBE; the ontology's prefixes (kgo, kgr, org, foaf, prov, skos,
    schema, time, dcterms, ...) are predeclared. Read-only: updates, SERVICE and FROM are refused."""
    from kg.ask.named import bind_params, load_named
    from kg.ask.query import QueryError, format_result, run_query

    named = load_named()
    if list_:
        for q in named.values():
            args = " ".join(f"--param {n}=<{t}>" for n, t in q.params)
            echo(f"{q.name}  {args}\n    {q.title}: {q.description}")
        return
    if not query:
        raise click.UsageError("give a QUERY (a named query, a .rq file or SPARQL text), or --list")
    if _is_dash(query) and _is_dash(graph_path):
        raise click.UsageError("only one of QUERY and --graph can be read from stdin (-)")
    values = {}
    for p in params:
        key, sep, value = p.partition("=")
        if not sep:
            raise click.BadParameter(f"expected NAME=VALUE, not {p!r}", param_hint="--param")
        values[key.strip()] = value
    graph = _load_graph(graph_path)
    if query in named:
        text, bindings = named[query].text, bind_params(graph, named[query], values)
    else:
        path = Path(query)
        if query.endswith(".rq") and not path.is_file():
            from kg.read.suggest import no_such_path

            raise QueryError(no_such_path(path, "query file"))
        if re.fullmatch(r"[A-Za-z][\w-]*", query.strip()):  # one word: meant as a named query, not SPARQL
            import difflib

            close = difflib.get_close_matches(query.strip(), list(named), n=3, cutoff=0.5)
            hint = f"; did you mean {' or '.join(close)}?" if close else ""
            raise QueryError(f"no named query {query!r}{hint} (kg query --list)")
        if values:
            raise QueryError("--param is for named queries (see --list)")
        text = (sys.stdin.read() if _is_dash(query) else
                path.read_text(encoding="utf-8") if query.endswith(".rq") else query)
        bindings = {}
    res = run_query(graph, text, bindings, timeout=timeout, memory=max_memory * 1024 * 1024)
    echo(format_result(res, fmt, graph))


def _judgements_file(given: Path | None, graph_path: Path) -> Path:
    """--judgements, else the file the build beside `graph_path` read (its report.json)."""
    if given is not None:
        return given
    import json

    try:
        report = json.loads((graph_path.parent / "report.json").read_text(encoding="utf-8"))
        return Path(report["judgements"]["path"])
    except (OSError, ValueError, KeyError, TypeError):
        raise click.UsageError(f"no build report beside {graph_path} names a judgements file: give --judgements FILE") \
            from None


def _mention_refs(graph, index, graph_path: Path, text: str) -> list[tuple[str, str]]:
    """The mention groups `text` names: a DOCUMENT-ID:NAME-KEY itself, or every group of a person."""
    from kg.ask.lookup import find_person
    from kg.resolve.judgements import JudgementError, parse_ref
    from kg.resolve.review import mentions_of

    head = text.split(":", 1)[0]
    if ":" in text and head != "kgr" and not head.startswith(("http", "<")):
        try:
            return [parse_ref(text)]
        except JudgementError as exc:
            raise click.BadParameter(str(exc)) from None
    refs = mentions_of(graph, find_person(index, text, "{}", _graph_source(graph_path)).iri)
    if not refs:
        raise click.ClickException(f"{text!r} has no mention in any document of {_graph_source(graph_path)}")
    return refs


def _judge(decision: str, a: str, b: str | None, why: str, judgements: Path | None, graph_path: Path,
           doc: str | None = None) -> None:
    from kg.ask.lookup import PersonIndex
    from kg.resolve.judgements import append_judgement, format_ref

    graph = _load_graph(graph_path)
    path = _judgements_file(judgements, graph_path)
    index = PersonIndex(graph)
    refs_a = _mention_refs(graph, index, graph_path, a)
    if doc is not None:
        refs_a = [r for r in refs_a if r[0] == doc or r[0].startswith(doc)]
        if len(refs_a) != 1:
            raise click.ClickException(f"{a!r} is named in no document {doc!r}" if not refs_a else
                                       f"{doc!r} names {len(refs_a)} documents: give more of its id")
    refs_b = _mention_refs(graph, index, graph_path, b) if b is not None else [None]
    if b is not None and set(refs_a) & set(refs_b):
        raise click.ClickException(f"{a!r} and {b!r} are already one node: to take a document's mention out, "
                                   f"use kg split NODE --doc DOCUMENT-ID")
    ruling = append_judgement(path, decision, refs_a[0], refs_b[0], why)
    target = f" {format_ref(ruling.b)}" if ruling.b else ""
    echo(f"{decision} {format_ref(ruling.a)}{target} -> {path}; run kg build to apply it")


_WHY = click.option("--why", default="", help="Why (kept with the judgement, shown in the graph).")
_JUDGEMENTS = click.option("--judgements", type=click.Path(dir_okay=False, path_type=Path), default=None,
                           metavar="FILE", help="The judgements file; default: the one the last build read.")


@main.command()
@click.argument("a")
@click.argument("b")
@_WHY
@_JUDGEMENTS
@_graph_option
def merge(a: str, b: str, why: str, judgements: Path | None, graph_path: Path) -> None:
    """Record that A and B are one person (each a person in any unambiguous form, or a mention
    DOCUMENT-ID:NAME-KEY as `kg review` lists them). The next build merges them whatever the rules say."""
    _judge("merge", a, b, why, judgements, graph_path)


@main.command()
@click.argument("a")
@click.argument("b")
@_WHY
@_JUDGEMENTS
@_graph_option
def unmerge(a: str, b: str, why: str, judgements: Path | None, graph_path: Path) -> None:
    """Record that A and B are two people (mentions DOCUMENT-ID:NAME-KEY, or persons); the next build
    keeps them apart whatever the rules say. To take one document out of a node: kg split."""
    _judge("apart", a, b, why, judgements, graph_path)


@main.command()
@click.argument("node")
@click.option("--doc", required=True, help="The document (its id, or the start of it) whose mention is another person.")
@_WHY
@_JUDGEMENTS
@_graph_option
def split(node: str, doc: str, why: str, judgements: Path | None, graph_path: Path) -> None:
    """Record that NODE's mention in document DOC is a person of their own; the next build keeps it
    apart from every other mention unless a kg merge joins it."""
    _judge("split", node, None, why, judgements, graph_path, doc)


@main.command()
@_graph_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Text for reading, or JSON for tools.")
@click.option("--limit", type=click.IntRange(1), default=50, show_default=True, help="At most this many pairs.")
def review(graph_path: Path, fmt: str, limit: int) -> None:
    """The pairs the rules were unsure of (a score between the review and merge thresholds), nearest
    to a merge first: both sides' names, posts, documents and quotes, and the commands to settle them."""
    import json

    from kg.resolve.review import format_pair, read_merges, uncertain_pairs

    merges = read_merges(graph_path.parent / "merges.json")
    pairs = uncertain_pairs(merges, _load_graph(graph_path))
    if fmt == "json":
        echo(json.dumps([p.to_json() for p in pairs[:limit]], ensure_ascii=False, indent=1))
        return
    if not pairs:
        echo("no uncertain pairs")
        return
    echo(f"{len(pairs)} uncertain pair(s)" + (f", the first {limit}" if len(pairs) > limit else ""))
    for n, p in enumerate(pairs[:limit], 1):
        echo(format_pair(p, n))


@main.command()
@click.argument("a")
@click.argument("b")
@_graph_option
@click.option("--limit", type=click.IntRange(1, 100), default=5, show_default=True, help="At most this many paths.")
def path(a: str, b: str, graph_path: Path, limit: int) -> None:
    """The shortest chains of relationships between actors A and B (people in any script,
    organizations, places, strategies): met at an event, holds a post in, part of, party to an
    agreement, promotes a strategy; each link with its evidence."""
    from kg.ask.chains import find_actor, shortest_paths
    from kg.draw.projection import project

    graph = _load_graph(graph_path)
    g = project(graph)
    ends = [find_actor(g, graph, name, _graph_source(graph_path)) for name in (a, b)]
    if ends[0] == ends[1]:
        raise click.UsageError(f"{a!r} and {b!r} are the same node: give two different actors")
    paths = shortest_paths(g, ends[0], ends[1], limit)
    if not paths:
        echo(f"no path between {a} and {b}")
        return
    for i, links in enumerate(paths, 1):
        echo(f"path {i} ({len(links)} link{'s' if len(links) != 1 else ''}):")
        for link in links:
            echo(f"  {link.describe()}")
            if link.quote:
                echo(f"      “{link.quote}” <{link.doc}>")


@main.command(name="map")
@_graph_option
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The HTML file to write, - for stdout (default: out/maps/map-VIEW.html).")
@click.option("--view", type=click.Choice(["whole", "who-met", "ego", "hierarchy", "strategy"]), default=None,
              help="What to draw (default: who-met, or ego with --ego).")
@click.option("--ego", "ego_name", help="Draw the network around this actor (any name, any script).")
@click.option("--depth", type=click.IntRange(1, 6), default=2, show_default=True, help="Depth of the ego network.")
@click.option("--lang", type=click.Choice(LANGUAGES), default="en", show_default=True,
              help="Label language (falls back to English, then any language).")
@click.option("--max-nodes", type=click.IntRange(1), default=20_000, show_default=True,
              help="Draw at most this many nodes, the most connected (a browser draws 20,000 in about 3 s).")
def map_cmd(graph_path: Path, output: Path | None, view: str | None, ego_name: str | None, depth: int, lang: str,
            max_nodes: int) -> None:
    """Write an interactive, self-contained HTML map of the graph (no network needed to open it)."""
    from kg.draw.maps import ego_view, hierarchy_view, limited, strategy_view, who_met_view, whole_view, write_map
    from kg.draw.projection import project

    graph = _load_graph(graph_path)
    g = project(graph)
    if ego_name and view not in (None, "ego"):
        raise click.UsageError(f"--ego draws the ego view: leave out --view {view}, or --ego")
    view = view or ("ego" if ego_name else "who-met")
    if view == "ego":
        if not ego_name:
            raise click.UsageError("--view ego needs --ego NAME")
        from kg.ask.chains import find_actor

        chosen = ego_view(g, find_actor(g, graph, ego_name, _graph_source(graph_path)), depth)
    else:
        chosen = {"whole": whole_view, "who-met": who_met_view, "hierarchy": hierarchy_view,
                  "strategy": strategy_view}[view](g)
    chosen = limited(chosen, max_nodes)
    summary = f"{chosen.title}: {chosen.graph.number_of_nodes()} nodes, {chosen.graph.number_of_edges()} edges"
    if _is_dash(output):
        _to_stdout(lambda target: write_map(chosen, target, lang), f"map-{view}.html")
        echo(summary, err=True)
        return
    path = output or graph_path.parent / "maps" / f"map-{view}.html"
    write_map(chosen, path, lang)
    echo(f"{summary} -> {path}")


@main.command(name="export")
@_graph_option
@click.option("--format", "fmt", type=click.Choice(["gexf", "graphml", "csv", "kumu", "jsonld", "nquads"]), required=True,
              help="The export format.")
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help="The file to write, - for stdout (for csv: a folder for nodes.csv and edges.csv; for kumu: a "
                   "folder for elements.csv and connections.csv).")
@click.option("--view", type=click.Choice(["graph", "who-met"]), default="graph", show_default=True,
              help="Every relation, or the person-to-person who-met network (gexf, graphml, csv, kumu).")
def export_cmd(graph_path: Path, fmt: str, output: Path, view: str) -> None:
    """Export the graph for other tools: GEXF and GraphML for Gephi (node types, labels in every
    language, event dates as time intervals), CSV nodes/edges for Kumu and spreadsheets, JSON-LD with a
    context, N-Quads with one named graph per document. The IRIs are the same everywhere."""
    from kg.ask.store import local_copy, write_nquads
    from kg.draw.export import export

    if view == "who-met" and fmt in ("jsonld", "nquads"):
        raise click.UsageError(f"--view who-met is a network for gexf, graphml, csv or kumu, not {fmt}")
    if _is_dash(output) and fmt in ("csv", "kumu"):
        raise click.UsageError(f"--format {fmt} writes two files into a folder: give -o FOLDER, not -")
    graph = _load_graph(graph_path)

    def write(target: Path) -> list[Path]:
        stored = write_nquads(graph, target) if fmt == "nquads" else None  # a store's or endpoint's named graphs
        return [stored] if stored else export(local_copy(graph) if fmt == "jsonld" else graph, fmt, target,
                                              dataset_path=None if _is_dash(graph_path) else
                                              graph_path.with_suffix(".nq"), view=view)

    if _is_dash(output):
        _to_stdout(write, f"graph.{fmt}")
        return
    for p in write(output):
        echo(str(p))


@main.command()
@click.option("--docs", type=click.IntRange(1), required=True, help="How many articles to write.")
@click.option("--seed", type=int, default=0, show_default=True, help="The same seed writes the same bytes.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Folder for OUT/articles and OUT/gold.")
@click.option("--langs", default=",".join(LANGUAGES), show_default=True,
              help=f"Comma-separated languages ({', '.join(LANGUAGES)}).")
def synth(docs: int, seed: int, out_dir: Path, langs: str) -> None:
    """Generate N synthetic articles in the style of the seeds, with their ground truth (gold) beside them.

    Writes OUT/articles/<date>_<lang>_<slug>-<i>.txt and OUT/gold/<same stem>.json; score extraction
    on them with `kg eval --gold OUT/gold --root OUT`."""
    from kg.eval.synth import parse_langs, write_corpus

    try:
        languages = parse_langs(langs)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--langs") from None
    try:
        summary = write_corpus(out_dir, docs, seed, languages)
    except FileExistsError as exc:
        raise click.ClickException(str(exc)) from None
    echo(summary.line())


@main.command(name="eval")
@click.argument("docs", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--gold", "gold_path", type=click.Path(path_type=Path), default=Path("tests/gold"),
              show_default=True,
              help="Folder of gold annotation files (*.json); or gold of real articles: a folder with gold.json and "
                   "docs/ (as ../shared/realdev), or such gold files, comma-separated, with docs/ beside the first.")
@click.option("--root", type=click.Path(exists=True, file_okay=False, path_type=Path), default=Path("."),
              show_default=True, help="Folder the gold files' document paths are relative to.")
@click.option("--verbose", "-v", is_flag=True, help="List the missing and spurious facts.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--jobs", "-j", type=click.IntRange(1), default=1, show_default=True,
              help="Worker processes for building real articles.")
def evaluate_cmd(docs: tuple[Path, ...], gold_path: Path, root: Path, verbose: bool, as_json: bool, jobs: int) -> None:
    """Score extraction against gold annotations: precision, recall and F1 per language and kind
    (persons, posts, event participants, who-met pairs, events, cross-language merges, ...).

    With gold of real articles (`--gold ../shared/realdev`), the texts are built as `kg build` builds
    them and scored as realdev's score.py scores them, per language and Chinese script; --verbose lists
    each document's misses and spurious items.

    DOCS limits the scoring to these documents (default: every document named in the gold)."""
    import json

    missing = [p for p in str(gold_path).split(",") if not Path(p).exists()]
    if missing:
        raise click.BadParameter(f"{missing[0]} does not exist", param_hint="--gold")
    if "," in str(gold_path) or gold_path.is_file() or (gold_path / "gold.json").is_file():
        from kg.eval.realgold import evaluate_real, load_real_gold

        if docs:
            raise click.UsageError("DOCS goes with composed gold; real gold scores all of its documents")
        try:
            real = evaluate_real(load_real_gold(gold_path), jobs=jobs)
        except ValueError as exc:
            raise click.ClickException(str(exc)) from None
        echo(json.dumps(real.to_json(), ensure_ascii=False, indent=2, sort_keys=True) if as_json
                   else real.table(verbose=verbose))
        return

    from kg.eval.evaluate import evaluate, government_places
    from kg.model.ontology import ontology_dir

    report = evaluate(gold_path, root, list(docs) or None, government_places(ontology_dir() / "reference"))
    if as_json:
        echo(json.dumps(report.to_json(), ensure_ascii=False, indent=2, sort_keys=True))
    else:
        echo(report.table(verbose=verbose))


@main.command()
@_graph_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind (loopback by default).")
@click.option("--port", type=int, default=7878, show_default=True, help="Port to listen on.")
@click.option("--timeout", type=SECONDS, default=10.0, show_default=True, help="Seconds before a query is stopped.")
@_memory_option
def serve(graph_path: Path, host: str, port: int, timeout: float, max_memory: int) -> None:
    """Serve the built graph as a read-only SPARQL 1.1 endpoint (/sparql) with a query page (/), offline."""
    from kg.serve.server import serve as run_server

    graph = _load_graph(graph_path)
    try:
        run_server(graph, host, port, timeout, memory=max_memory * 1024 * 1024, merges=_merges_beside(graph_path))
    except ValueError as exc:  # a timeout that is not positive
        raise click.BadParameter(str(exc), param_hint="--timeout") from None
    except OSError as exc:
        raise click.ClickException(f"cannot serve on {host}:{port}: {exc}") from None


@main.command()
@click.option("--endpoint", metavar="URL", required=True,
              help="The server: its Graph Store Protocol URL, or its root or query URL (an Oxigraph server at "
                   "http://HOST:PORT takes the graphs at http://HOST:PORT/store).")
@click.option("--graph", "graph_path", type=click.Path(dir_okay=False, path_type=Path), default=_default_graph(),
              show_default=True, help="A built graph (Turtle), with the graph.nq the same build wrote beside it.")
@click.option("--store", "store_dir", type=click.Path(file_okay=False, path_type=Path), default=None, metavar="DIR",
              help="Push the Oxigraph store written by `kg build --store DIR` instead of --graph.")
@click.option("--default-graph/--no-default-graph", default=True, show_default=True,
              help="Also replace the server's default graph with the union of all graphs (needed where the "
                   "default graph is not the union of the named graphs, as on Oxigraph).")
@click.option("--union-graph", is_flag=True,
              help="Put the union into the named graph kgr:graph/union instead of the default graph, for a server "
                   "whose default graph is every graph it holds (Virtuoso); read it with --union-graph.")
@click.option("--timeout", type=SECONDS, default=60.0, show_default=True,
              help="Seconds each request may take, from connecting to the end of the answer.")
@click.option("--verify/--no-verify", default=True, show_default=True,
              help="Afterwards, ask the server's query URL (beside the store: .../query, or .../sparql for "
                   "Virtuoso) how many triples each graph holds, and fail unless it is what was sent.")
def push(endpoint: str, graph_path: Path, store_dir: Path | None, default_graph: bool, union_graph: bool,
         timeout: float, verify: bool) -> None:
    """Load the built graph into a SPARQL 1.1 server with the Graph Store Protocol: one named graph per
    document (plus reference, persons and ontology), each PUT so it replaces the server's copy; pushing
    twice leaves the same content; then the server is asked whether it holds every triple sent (exit 1
    if not). Query it afterwards with --endpoint URL/query."""
    from click.core import ParameterSource

    from kg.ask.remote import push as run_push
    from kg.ask.store import source_store
    from kg.model.ns import UNION_GRAPH

    if store_dir is not None and click.get_current_context().get_parameter_source("graph_path") not in (
            ParameterSource.DEFAULT, ParameterSource.DEFAULT_MAP):
        raise click.UsageError("--graph and --store are alternatives: give one of them")
    if union_graph and not default_graph:
        raise click.UsageError("--union-graph says where the union goes: it cannot go with --no-default-graph")
    source = source_store(graph_path=None if store_dir else graph_path, store_dir=store_dir)
    result = run_push(source, endpoint, default_graph=default_graph, timeout=timeout,
                      union_graph=str(UNION_GRAPH) if union_graph else None, check=verify)
    union = (f", and their union as <{result.union_graph}>" if result.union_graph else
             ", and their union as the default graph" if result.default_graph else "")
    echo(f"pushed {result.graphs} named graphs ({result.triples} triples{union}) to {result.store}")
    if result.verified:
        echo(f"verified: {result.verified} holds every triple sent")


if __name__ == "__main__":  # pragma: no cover
    main()
