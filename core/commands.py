"""What management commands share: writing their output to a file or to standard output."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError


def write_output(command: BaseCommand, text: str, path: Path | None, done: str = "") -> None:
    """Write ``text`` to ``path`` (saying ``done``, or "wrote PATH") or, without a path, to the command's stdout."""
    if path is None:
        command.stdout.write(text, ending="")
        return
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise CommandError(f"{path}: cannot write ({exc.strerror})") from None
    command.stdout.write(done or f"wrote {path}")
