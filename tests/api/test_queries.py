"""No N+1: every list endpoint runs as many queries for a page of 1 as for a page of 50 (Django's test
client, in this thread, so the queries can be counted)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import annotation_on, decide_on

from .conftest import PASSWORD, TARGET

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
        decide_on(aligned, row, action="reject", user=admin_user)
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


RESEARCH_LISTS = [
    "/api/v1/norm-families/",
    "/api/v1/norms/",
    "/api/v1/references/",
    "/api/v1/findings/",
    "/api/v1/annotations/",
    "/api/v1/annotations/?origin=researcher&norm=sovereignty",
    "/api/v1/codebooks/",
    "/api/v1/tags/",
    "/api/v1/codings/",
    "/api/v1/codings/?codebook=book-1&coder=rita",
    "/api/v1/settlements/",
    "/api/v1/comparisons/smuggling-protocol--tip-protocol/links/?explained=no",
    "/api/v1/comparisons/smuggling-protocol--tip-protocol/links/?norm=sovereignty&explained=yes",
    "/api/v1/comparisons/smuggling-protocol--tip-protocol/links/?tagged=TAG",
]


@pytest.fixture
def researched(aligned, admin_user):
    """The shipped research data, published explanations on several rows, and two coders' codings."""
    from accounts.roles import save_user_with_role
    from research.coding_models import Codebook, UnitRef
    from research.coding_services import add_coding, create_tag, settle
    from research.loading import load_research

    load_research()
    rows = [r for r in aligned.latest_run().overlay().rows if r.target_eid and r.source_eid][:4]
    explanation = {"kind": "link", "norms": ["sovereignty", "consensus"], "citations": [("acharya-2004", "p. 1")]}
    for row in rows:
        annotation_on(aligned, row, user=admin_user, publish_as=admin_user, **explanation)
    coders = [save_user_with_role(username=name, role="researcher", password=PASSWORD)[0] for name in ("rita", "omar")]
    tags = []
    for n in (1, 2):
        book = Codebook.objects.create(slug=f"book-{n}", name=f"Book {n}")
        parent = create_tag(user=admin_user, codebook=book, name="Parent")
        tags += [create_tag(user=admin_user, codebook=book, name=f"Tag {i}", parent=parent) for i in range(3)]
    for row in rows:
        link = UnitRef(TARGET, row.target_eid, aligned.slug, row.source_treaty, row.source_eid)
        for unit in (link, UnitRef.provision(TARGET, row.target_eid)):
            for coder in coders:
                for tag in tags[:2] + tags[3:4]:
                    add_coding(user=coder, tag=tag, unit=unit, memo="m")
        settle(user=admin_user, tag=tags[0], unit=link, applies=True)
    return tags[0]


@pytest.mark.parametrize("url", RESEARCH_LISTS)
def test_research_queries_do_not_grow_with_the_page_size(researched, client, url):
    url = url.replace("TAG", str(researched.pk))
    client.get(url)  # warm the per-process corpus index
    counts = []
    for limit in (1, 50):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"{url}{'&' if '?' in url else '?'}limit={limit}")
        assert response.status_code == 200, response.content[:300]
        body = response.json()
        assert body["count"] > 1 and len(body["results"]) == min(limit, body["count"])
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
