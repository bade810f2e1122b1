"""Download representations of the research exports: JSON-LD, CSV and REFI-QDA ``.qdc``.

Views hand these renderers the finished export (a dict for JSON-LD, the text or bytes for the
others) built by ``research.exports``, ``research.coding_exchange`` and ``research.qdc``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from rest_framework.renderers import BaseRenderer


class JsonLdRenderer(BaseRenderer):
    media_type = "application/ld+json"
    format = "jsonld"
    charset = "utf-8"

    def render(
        self, data: Any, accepted_media_type: str | None = None, renderer_context: Mapping[str, Any] | None = None
    ) -> bytes:
        return json.dumps(data, indent=2, ensure_ascii=False).encode(self.charset)


class TextRenderer(BaseRenderer):
    """A body the view already wrote (``str`` or ``bytes``)."""

    charset = "utf-8"

    def render(
        self, data: Any, accepted_media_type: str | None = None, renderer_context: Mapping[str, Any] | None = None
    ) -> bytes:
        return data if isinstance(data, bytes) else str(data).encode(self.charset)


class CSVRenderer(TextRenderer):
    media_type = "text/csv"
    format = "csv"


class QdcRenderer(TextRenderer):
    media_type = "application/xml"
    format = "qdc"
