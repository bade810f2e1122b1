"""``--articles ID:ARTICLES …``, the scope option ``align`` and ``export_alignment`` share."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError, CommandParser

from comparisons.scope import SPEC_HELP, Scope, ScopeError, parse_specs
from comparisons.services import ComparisonError


def scope_option(parser: CommandParser) -> None:
    parser.add_argument(
        "--articles",
        nargs="+",
        action="extend",
        default=[],
        metavar="ID:ARTICLES",
        help=f"read only these articles of an instrument ({SPEC_HELP}; ranges and lists); each scope is "
        "a comparison of its own",
    )


def scope_from(options: dict[str, Any]) -> Scope:
    """The ``--articles`` specs as a scope; a bad spec is a CommandError naming the argument."""
    try:
        return parse_specs(options["articles"])
    except ScopeError as error:
        raise CommandError(f"--articles {error}") from None


def command_error(error: ComparisonError) -> CommandError:
    """A service error as the command line says it (``--articles: …`` for the scope)."""
    return CommandError(f"--{error.field}: {error.message}" if error.field == "articles" else str(error))
