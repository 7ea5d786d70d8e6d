"""kg.errors: every error kg reports is a KgError, and the CLI turns any of them into one line with its
exit status, in one place (kg.cli._Group)."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from kg.errors import InputError, KgError, UsageError


def _classes():
    from kg.ask.lookup import PersonError, UnknownName
    from kg.ask.oxigraph import StoreError
    from kg.ask.querybase import QueryError
    from kg.ask.remote import RemoteError
    from kg.ask.sparqltext import TextError
    from kg.build.cluster import SchedulerError
    from kg.build.outdir import OutputLocked, OutputUnwritable
    from kg.build.pipeline import NothingToBuild
    from kg.extract.sandbox import SandboxError
    from kg.read.encoding import DecodeError
    from kg.resolve.judgements import JudgementError
    from kg.resolve.review import MergesError

    return {SchedulerError: 1, DecodeError: 1, JudgementError: 1, PersonError: 1, UnknownName: 1,
            OutputLocked: 1, OutputUnwritable: 1, NothingToBuild: 2, QueryError: 1, RemoteError: 1,
            MergesError: 1, SandboxError: 1, TextError: 1, StoreError: 1}


def test_every_error_for_the_user_is_a_kg_error_with_its_exit_status():
    for cls, status in _classes().items():
        assert issubclass(cls, KgError) and cls.exit_code == status, cls


@pytest.mark.parametrize("error, status", [(KgError, 1), (InputError, 1), (UsageError, 2)])
def test_the_cli_turns_a_kg_error_into_one_clean_line_and_its_status(error, status):
    from kg.cli import _Group

    group = _Group()

    @group.command()
    def fail() -> None:
        raise error("bad \x1b[31minput\x1b[0m\nsecond line")

    result = CliRunner().invoke(group, ["fail"])
    assert result.exit_code == status and isinstance(result.exception, SystemExit)
    assert result.output.startswith("Error: bad ") and "\x1b" not in result.output and "Traceback" not in result.output


def test_other_exceptions_are_not_swallowed():
    from kg.cli import _Group

    group = _Group()

    @group.command()
    def crash() -> None:
        raise RuntimeError("a bug")

    result = CliRunner().invoke(group, ["crash"])
    assert isinstance(result.exception, RuntimeError)


def test_click_errors_keep_their_own_status():
    from kg.cli import _Group

    group = _Group()

    @group.command()
    def usage() -> None:
        raise click.UsageError("wrong")

    assert CliRunner().invoke(group, ["usage"]).exit_code == 2
