"""Long pages are sent gzipped to browsers that accept it, and decompress to the same page."""

from __future__ import annotations

import gzip
import re

import pytest

#: Django masks the CSRF token differently in every response (part of its BREACH defence).
TOKEN = re.compile(rb'"X-CSRFToken": "[^"]+"')

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("headers", [{}, {"HX-Request": "true"}])
def test_a_treaty_page_is_sent_gzipped_and_reads_the_same(client, corpus, headers):
    plain = client.get("/treaties/untoc/", headers=headers)
    packed = client.get("/treaties/untoc/", headers={**headers, "Accept-Encoding": "gzip"})
    assert plain.status_code == packed.status_code == 200
    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    assert TOKEN.sub(b"", gzip.decompress(packed.content)) == TOKEN.sub(b"", plain.content)
    assert len(packed.content) * 4 < len(plain.content)
