"""A NUL byte or another control character in any URL segment is a 404, never a 500."""

from __future__ import annotations

import pytest
from django.test import Client

from accounts.roles import save_user_with_role

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-unusual-passphrase-42"

GETS = [
    "/comparisons/x%00/",
    "/comparisons/x%00/pair/",
    "/comparisons/x%00/pair/?target=art_1&source=untoc/art_1",
    "/comparisons/x%00/coverage/",
    "/comparisons/x%00/method/",
    "/comparisons/x%00/picker/",
    "/comparisons/x%01y/",
    "/alignments/untoc/art_1%00/",
    "/alignments/sample-convention/art_1%00/",
    "/alignments/sample-convention/art_1%1f/",
    "/treaties/x%00/",
    "/treaties/sample-convention/art_1%00/",
]


@pytest.fixture(params=["anonymous", "curator"])
def client(request) -> Client:
    client = Client(raise_request_exception=False)
    if request.param == "curator":
        save_user_with_role(username="curator", role="curator", password=PASSWORD)
        assert client.login(username="curator", password=PASSWORD)
    return client


@pytest.mark.parametrize("url", GETS)
def test_a_control_character_in_a_segment_is_not_found(client, sample_treaty, url):
    """(The sample treaty exists, so its routes get as far as looking a provision up.)"""
    assert client.get(url).status_code == 404


def test_posting_a_decision_to_a_segment_with_a_nul_byte_is_not_found(client):
    response = client.post("/comparisons/x%00/decisions/", {"target": "art_1", "source": "untoc/art_1"})
    assert response.status_code == 404


def test_ordinary_segments_still_resolve_and_reverse():
    from django.urls import resolve, reverse

    assert resolve("/comparisons/coe--untoc/pair/").kwargs == {"slug": "coe--untoc"}
    assert reverse("comparisons:provision_alignments", args=["untoc", "art_1__para_2"]) == (
        "/alignments/untoc/art_1__para_2/"
    )
