"""Load corpus treaties as engine input, through the project's one markdown parser.

The texts are read from the corpus directory at run time (never copied into the
repository): ``TREATY_CORPUS_DIR`` or ``<repo>/../shared/corpus``.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from comparisons.alignment import Instrument, ProvisionIn
from treaties.parsing.markdown import parse_markdown

CORPUS_DIR = Path(
    os.environ.get("TREATY_CORPUS_DIR") or Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
)

SLUG_FILES = {
    "untoc": "untoc.md",
    "tip-protocol": "tip-protocol.md",
    "smuggling-protocol": "smuggling-protocol.md",
    "coe-trafficking": "coe-trafficking.md",
}


def corpus_available() -> bool:
    return all((CORPUS_DIR / name).is_file() for name in SLUG_FILES.values())


def instrument_from_markdown(text: str, source: str = "<string>") -> Instrument:
    """Convert parser output to the engine's input (what the Django service does from ORM rows)."""
    parsed = parse_markdown(text, source=source)
    return Instrument(
        parsed.slug,
        tuple(ProvisionIn(p.eid, p.kind, p.parent_eid, p.number, p.heading, p.text) for p in parsed.provisions),
    )


@lru_cache(maxsize=8)
def load_instrument(slug: str) -> Instrument:
    path = CORPUS_DIR / SLUG_FILES[slug]
    return instrument_from_markdown(path.read_text(encoding="utf-8"), source=str(path))
