"""A pair's decision history names the curator only to signed-in users; anonymous readers see "a curator"."""

from __future__ import annotations

from io import StringIO
from urllib.parse import urlencode

import pytest
from django.core.management import call_command
from django.test import Client

from accounts.roles import save_user_with_role
from comparisons.models import Comparison
from comparisons.services import record_decision

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-unusual-passphrase-42"
SLUG = "coe-trafficking--tip-protocol+untoc"


@pytest.fixture
def pair_url(corpus) -> str:
    call_command("align", target="coe-trafficking", sources=["tip-protocol", "untoc"], stdout=StringIO())
    comparison = Comparison.objects.get(slug=SLUG)
    link = next(r for r in comparison.latest_run().overlay().rows if r.relation == "modified")
    curator, _ = save_user_with_role(username="cora_curator", role="curator", password=PASSWORD)
    source = f"{link.source_treaty}/{link.source_eid}"
    record_decision(comparison=comparison, target_eid=link.target_eid, source_ref=source, action="accept", user=curator)
    return f"/comparisons/{SLUG}/pair/?" + urlencode({"target": link.target_eid, "source": source})


@pytest.mark.parametrize("htmx", [False, True])
def test_anonymous_readers_do_not_see_the_curators_username(pair_url, htmx):
    headers = {"HX-Request": "true"} if htmx else {}
    body = Client().get(pair_url, headers=headers).content.decode()
    assert "Curated decisions" in body
    assert "cora_curator" not in body
    assert "a curator" in body


def test_signed_in_users_see_who_decided(pair_url):
    save_user_with_role(username="rita", role="reader", password=PASSWORD)
    client = Client()
    client.login(username="rita", password=PASSWORD)
    assert "cora_curator" in client.get(pair_url).content.decode()
