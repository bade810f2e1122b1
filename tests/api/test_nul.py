"""A NUL character in API input is a 400 naming the field, never a 500 (PostgreSQL cannot compare
a text holding NUL: a related field's lookup used to raise DataError). Found by the fuzzer."""

from __future__ import annotations

import pytest

from accounts.roles import save_user_with_role
from tests.api.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_nul_in_a_query_parameter_is_a_400_naming_it(anonymous) -> None:
    save_user_with_role(username="rita", role="researcher", password=PASSWORD)
    response = anonymous.get("/agreement/", params={"codebook": "themes", "coders": ["rita", "\x00x"]})
    assert response.status_code == 400
    body = response.json()
    assert body["errors"] == {"coders[1]": ["contains a NUL character (0x00), which is not allowed"]}
    assert "coders[1]" in body["detail"]


@pytest.mark.parametrize("path", ["/comparisons/?q=", "/provisions/?instrument=", "/annotations/?comparison="])
def test_every_api_list_refuses_a_nul_in_its_filters(anonymous, path: str) -> None:
    response = anonymous.get(path + "%00")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == [path.split("?")[1].rstrip("=")]


def test_a_nul_in_a_json_body_is_a_400_naming_its_place(researcher) -> None:
    response = researcher.post(
        "/annotations/", json={"comparison": "x\x00", "norms": ["sovereignty", "a\x00"], "stage": "pruning"}
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "comparison": ["contains a NUL character (0x00), which is not allowed"],
        "norms[1]": ["contains a NUL character (0x00), which is not allowed"],
    }


def test_pages_are_left_to_their_forms(client) -> None:
    """Only the API is guarded at the door; a page's form refuses a NUL in its own words."""
    response = client.get("/search/", {"q": "\x00"})
    assert response.status_code != 500
