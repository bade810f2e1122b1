"""The text of a rendered page as a reader sees it, for assertions on wording."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

_INLINE = re.compile(r"</?(?:a|b|i|code|strong|span)\b[^>]*>")


def page_text(response: Any) -> str:
    """Inline tags vanish, block tags separate words, whitespace runs become one space."""
    html = _INLINE.sub("", response.content.decode())
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))
