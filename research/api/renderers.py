"""Download representations of the research exports: JSON-LD, CSV and REFI-QDA ``.qdc``.

Views hand these renderers the finished export (a dict for JSON-LD, the text or bytes for the
others) built by ``research.exports``, ``research.coding_exchange`` and ``research.qdc``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from core.api.renderers import CSVRenderer, TextRenderer

__all__ = ["CSVRenderer", "JsonLdRenderer", "QdcRenderer"]


class JsonLdRenderer(TextRenderer):
    media_type = "application/ld+json"
    format = "jsonld"

    def text(self, data: Any, context: Mapping[str, Any]) -> str:
        return json.dumps(data, indent=2, ensure_ascii=False)


class QdcRenderer(TextRenderer):
    media_type = "application/xml"
    format = "qdc"
