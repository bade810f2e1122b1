"""Pick the reader for a file: corpus markdown, plain text, or PDF of an official text."""

from __future__ import annotations

from pathlib import Path
from typing import Unpack

from .errors import TreatyFormatError
from .markdown import decode, parse_markdown
from .tree import ParsedTreaty, ReadOptions

FORMATS = ("markdown", "text", "pdf")


def guess_format(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return "pdf"
    if suffix in (".txt", ".text"):
        return "text"
    return "markdown"


def read_treaty(path: Path, data: bytes, *, fmt: str | None = None, **options: Unpack[ReadOptions]) -> ParsedTreaty:
    """Parse ``data`` (the bytes of ``path``) into a provision tree, or raise TreatyFormatError.

    ``options``: see :class:`~treaties.parsing.tree.ReadOptions`.
    """
    source = str(path)
    fmt = fmt or guess_format(path)
    if fmt not in FORMATS:
        raise TreatyFormatError(source, None, f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    if not data.strip():
        raise TreatyFormatError(source, None, "the file is empty")
    if fmt == "markdown":
        parsed = parse_markdown(decode(data, source), source=source, excerpt=options.get("excerpt", False))
        if (slug := options.get("slug")) and slug != parsed.slug:
            raise TreatyFormatError(source, 2, f"--id {slug!r} differs from the file's id {parsed.slug!r}")
        return parsed
    if fmt == "text":
        from .plaintext import parse_plain_text

        return parse_plain_text(decode(data, source), source=source, **options)
    from .pdf import parse_pdf

    return parse_pdf(data, source=source, **options)
