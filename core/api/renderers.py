"""Download representations (CSV, JSON-LD, XML …): the body is text, or bytes, encoded as UTF-8."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rest_framework.renderers import BaseRenderer


class TextRenderer(BaseRenderer):
    """Renders the body :meth:`text` makes of the view's data: by default the body the view already
    wrote (``str`` or ``bytes``)."""

    charset = "utf-8"

    def text(self, data: Any, context: Mapping[str, Any]) -> str | bytes:
        """The body of ``data``; ``context`` is the view's renderer context."""
        return data if isinstance(data, bytes) else str(data)

    def render(
        self, data: Any, accepted_media_type: str | None = None, renderer_context: Mapping[str, Any] | None = None
    ) -> bytes:
        body = self.text(data, renderer_context or {})
        return body if isinstance(body, bytes) else body.encode(self.charset)


class CSVRenderer(TextRenderer):
    media_type = "text/csv"
    format = "csv"
