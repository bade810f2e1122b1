"""Reader for the corpus markdown format (``shared/corpus/README.md``)."""

from __future__ import annotations

import re

from .errors import TreatyFormatError
from .limits import check_lines, check_meta, check_number
from .tree import EXCERPT_KEY, ParsedTreaty, TreeBuilder

ARTICLE_RE = re.compile(r"^## Article (\d+)(?: \u2014 (.+))?\s*$")
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
REQUIRED_META = ("id", "title")


def decode(data: bytes, source: str) -> str:
    """Decode UTF-8 input, naming the line of the first invalid byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise TreatyFormatError(source, line, f"invalid UTF-8 (byte 0x{data[exc.start]:02x})") from None


def check_slug(slug: str, source: str, line: int | None) -> str:
    if not SLUG_RE.match(slug):
        raise TreatyFormatError(source, line, f"id {slug!r} must be lower-case letters, digits and hyphens")
    return slug


def read_front_matter(lines: list[str], source: str) -> tuple[dict[str, str], int]:
    """Return the ``key: value`` pairs and the index of the first body line."""
    if not lines or lines[0].strip() != "---":
        raise TreatyFormatError(source, 1, "missing front matter: the file must start with a '---' line")
    meta: dict[str, str] = {}
    line_of: dict[str, int] = {}
    for index in range(1, len(lines)):
        raw = lines[index]
        if raw.strip() == "---":
            break
        if not raw.strip():
            continue
        key, sep, value = raw.partition(":")
        if not sep or not key.strip() or " " in key.strip():
            raise TreatyFormatError(
                source, index + 1, f"malformed front matter line {raw[:60]!r} (expected 'key: value')"
            )
        meta[key.strip()] = value.strip()
        line_of[key.strip()] = index + 1
    else:
        raise TreatyFormatError(source, 1, "front matter is not closed by a '---' line")
    check_meta(meta, source=source, lines=line_of)
    for key in REQUIRED_META:
        if not meta.get(key):
            raise TreatyFormatError(source, 1, f"front matter lacks '{key}'")
    check_slug(meta["id"], source, 2)
    _check_excerpt_flag(meta, source, line_of.get(EXCERPT_KEY))
    return meta, index + 1


EXCERPT_VALUES = {"true": "true", "yes": "true", "false": "false", "no": "false"}


def _check_excerpt_flag(meta: dict[str, str], source: str, line: int | None) -> None:
    """``excerpt: true`` (or yes/false/no) in the front matter, stored as "true" or "false"."""
    if EXCERPT_KEY not in meta:
        return
    value = EXCERPT_VALUES.get(meta[EXCERPT_KEY].lower())
    if value is None:
        raise TreatyFormatError(
            source, line, f"front matter 'excerpt': {meta[EXCERPT_KEY][:20]!r} is not true or false"
        )
    meta[EXCERPT_KEY] = value


def mark_excerpt(meta: dict[str, str], excerpt: bool) -> bool:
    """Whether the text is an excerpt (``--excerpt`` or ``excerpt: true``); ``--excerpt`` sets the key."""
    if excerpt:
        meta[EXCERPT_KEY] = "true"
    return meta.get(EXCERPT_KEY) == "true"


def parse_markdown(text: str, *, source: str = "<string>", excerpt: bool = False) -> ParsedTreaty:
    """Parse the corpus format; ``excerpt`` (or ``excerpt: true``) allows gaps in article numbers."""
    if not text.strip():
        raise TreatyFormatError(source, None, "the file is empty")
    lines = text.split("\n")
    meta, start = read_front_matter(lines, source)  # checks its own values, naming the field
    check_lines(lines[start:], source=source, first=start + 1)
    builder = TreeBuilder(source, excerpt=mark_excerpt(meta, excerpt))
    for number, raw in enumerate(lines[start:], start=start + 1):
        line = raw.rstrip()
        if not line.strip():
            continue
        if line.startswith("# "):
            heading = line[2:].strip()
            if heading == "Preamble":
                builder.preamble(number)
            elif heading == "Testimonium":
                builder.testimonium(number)
            else:
                builder.chapter_heading(heading, number)
        elif line.startswith("## "):
            match = ARTICLE_RE.match(line)
            if not match:
                raise TreatyFormatError(
                    source,
                    number,
                    f"malformed article heading {line[:60]!r} (expected '## Article N — Title')",
                )
            article = check_number(match.group(1), "article", source=source, line=number)
            builder.article_heading(article, (match.group(2) or "").strip(), number)
        elif line.startswith("#"):
            raise TreatyFormatError(source, number, f"unknown heading level {line[:40]!r}")
        else:
            builder.text_line(line, number)
    return builder.finish(meta["id"], meta)
