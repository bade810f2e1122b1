"""The default comparisons, read from ``fixtures/comparisons.json`` (data the product ships)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings


@dataclass(frozen=True)
class DefaultComparison:
    target: str
    sources: tuple[str, ...]


class DefaultsError(ValueError):
    """The defaults file is unreadable or malformed; the message names the file and the entry."""


def default_comparisons_file() -> Path:
    return Path(settings.BASE_DIR) / "fixtures" / "comparisons.json"


def read_default_comparisons(path: Path | None = None) -> list[DefaultComparison]:
    path = path or default_comparisons_file()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise DefaultsError(f"{path}: cannot read ({error.strerror})") from None
    except ValueError as error:
        raise DefaultsError(f"{path}: not valid JSON ({error})") from None
    entries = data.get("comparisons") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise DefaultsError(f'{path}: expected an object with a "comparisons" list')
    found = []
    for number, entry in enumerate(entries, start=1):
        target = entry.get("target") if isinstance(entry, dict) else None
        sources = entry.get("sources") if isinstance(entry, dict) else None
        if not isinstance(target, str) or not target:
            raise DefaultsError(f"{path}: comparison {number}: target must be an instrument id")
        if not isinstance(sources, list) or not sources or not all(isinstance(s, str) and s for s in sources):
            raise DefaultsError(f"{path}: comparison {number} ({target}): sources must be a list of instrument ids")
        found.append(DefaultComparison(target, tuple(sources)))
    return found
