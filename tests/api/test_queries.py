"""No N+1: every list endpoint runs as many queries for a page of 1 as for a page of 50 (Django's test
client, in this thread, so the queries can be counted)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from comparisons.services import record_decision

pytestmark = pytest.mark.django_db

LISTS = [
    "/api/v1/instruments/",
    "/api/v1/provisions/",
    "/api/v1/provisions/?q=state+party",
    "/api/v1/instruments/untoc/provisions/",
    "/api/v1/comparisons/",
    "/api/v1/comparisons/smuggling-protocol--tip-protocol/links/",
    "/api/v1/comparisons/smuggling-protocol--tip-protocol/decisions/",
]


@pytest.fixture
def decided(aligned, admin_user):
    for row in [r for r in aligned.latest_run().overlay().rows if r.is_link][:3]:
        record_decision(
            comparison=aligned,
            target_eid=row.target_eid,
            source_ref=f"{row.source_treaty}/{row.source_eid}",
            action="reject",
            user=admin_user,
        )
    return aligned


@pytest.mark.parametrize("url", LISTS)
def test_queries_do_not_grow_with_the_page_size(decided, client, url):
    client.get(url)  # warm the per-process corpus index (rebuilt once, in one more query)
    counts = []
    for limit in (1, 50):
        separator = "&" if "?" in url else "?"
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"{url}{separator}limit={limit}")
        assert response.status_code == 200
        assert len(response.json()["results"]) == min(limit, response.json()["count"])
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
