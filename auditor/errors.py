"""Errors raised when work cannot go on. Data problems are findings, not exceptions."""

from __future__ import annotations


class AuditorError(Exception):
    """Base class: the CLI turns any of these into one line on stderr and exit code 2."""


class InputError(AuditorError):
    """An input file cannot be read or has no usable shape (missing, empty, corrupt…).

    The message names the file and, where it applies, the sheet, row and column.
    """


class ConfigError(AuditorError):
    """A configuration or policy file is missing, malformed or has unknown keys."""


class UsageError(AuditorError):
    """The command was asked for something that cannot be done (unknown account id…)."""
