"""The alignment export as CSV (``?format=csv`` or ``Accept: text/csv``), the columns of ``export_alignment``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rest_framework.renderers import BaseRenderer

from ..exports import export_csv


class ExportCSVRenderer(BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(
        self, data: Any, accepted_media_type: str | None = None, renderer_context: Mapping[str, Any] | None = None
    ) -> bytes:
        with_evidence = bool((renderer_context or {}).get("with_evidence"))
        return export_csv(data, with_evidence=with_evidence).encode(self.charset)
