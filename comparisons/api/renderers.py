"""The alignment export as CSV (``?format=csv`` or ``Accept: text/csv``), the columns of ``export_alignment``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from core.api.renderers import CSVRenderer

from ..exports import export_csv


class ExportCSVRenderer(CSVRenderer):
    def text(self, data: Any, context: Mapping[str, Any]) -> str:
        return export_csv(data, with_evidence=bool(context.get("with_evidence")))
