"""The errors kg reports to its user: one line of text (never a traceback) and an exit status.

Every error a library module raises for the user to read is a `KgError`; the command line (kg.cli)
turns any of them into `Error: <message>` on stderr and exits with the error's `exit_code`. This
module imports nothing, so `kg --help` stays fast.
"""

from __future__ import annotations

__all__ = ["KgError", "InputError", "UsageError"]


class KgError(Exception):
    """An error with a message for the user; the CLI exits with `exit_code`, 1 or 2 (1: the work failed:
    a store, output folder, server or query process that cannot be used)."""

    exit_code = 1


class InputError(KgError):
    """The input cannot be used as given (a query, a file, a name, a judgement, an address): exit 1."""

    exit_code = 1


class UsageError(KgError):
    """The command cannot do what it was asked with these arguments (nothing to build): exit 2."""

    exit_code = 2
