"""Codings as CSV or JSON: one record per coding, the columns of ``coding_selectors.CODING_COLUMNS``."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

from .coding_models import Coding
from .coding_selectors import CODING_COLUMNS, coding_records


def write_codings(found: Sequence[Coding], format: str) -> str:
    records = coding_records(found)
    if format == "json":
        return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CODING_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(records)
    return out.getvalue()
