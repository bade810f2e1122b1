"""A second, independent reading of both default comparisons, for inter-annotator agreement.

Made on 2026-11-28 by a second reader who saw only the units' texts (the same units the
engine compares) and the labelling rules of :mod:`.labelled_sample` in general terms, not
that file's labels, the engine's output or any alignment tool.  For every target unit it
lists the source units the reader judged the unit derives from, each marked ``sure`` or
``likely``; an empty tuple means *added*.  Relations were not labelled.  The reading is data,
``data/second_reading.json`` (target slug -> target eId -> [[source ref, confidence], ...]),
read here into :data:`SECOND_READING`.  Only eIds and refs are stored (no treaty wording).
``python -m tests.alignment.quality --agreement`` compares it with the first reading and
scores the engine against both.
"""

from __future__ import annotations

import json
from pathlib import Path

SURE = "sure"
LIKELY = "likely"


def _load() -> dict[str, dict[str, tuple[tuple[str, str], ...]]]:
    raw: dict[str, dict[str, list[list[str]]]] = json.loads(
        (Path(__file__).parent / "data" / "second_reading.json").read_text(encoding="utf-8")
    )
    return {
        target: {eid: tuple((ref, confidence) for ref, confidence in sources) for eid, sources in units.items()}
        for target, units in raw.items()
    }


#: target slug -> target eId -> ((source ref, confidence), ...)
SECOND_READING = _load()
