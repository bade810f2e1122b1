"""Oversized bodies are refused from their declared length, before anything reads or spools them."""

from __future__ import annotations

import pytest
from django.test import Client

from accounts.roles import save_user_with_role

pytestmark = pytest.mark.django_db
MB = 1024 * 1024


class ExplodingStream:
    """A request body that fails if read: proves the refusal came before reading."""

    def read(self, *args):
        raise AssertionError("the body was read")

    readline = read


def post_declaring(client: Client, url: str, size: int):
    return client.generic(
        "POST",
        url,
        b"",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(size),
        **{"wsgi.input": ExplodingStream()},
    )


def test_a_200_mb_anonymous_post_to_the_login_is_refused_unread():
    response = post_declaring(Client(), "/accounts/login/", 200 * MB)
    assert response.status_code == 413
    assert "Too large" in response.content.decode()


def test_a_50_mb_upload_to_the_import_form_is_refused_unread():
    save_user_with_role(username="cora", role="curator", password="a-long-unusual-passphrase-42")
    client = Client()
    client.login(username="cora", password="a-long-unusual-passphrase-42")
    response = post_declaring(client, "/import/", 50 * MB)
    assert response.status_code == 413


def test_an_import_within_its_limit_gets_past_the_size_check():
    save_user_with_role(username="cora", role="curator", password="a-long-unusual-passphrase-42")
    client = Client()
    client.login(username="cora", password="a-long-unusual-passphrase-42")
    response = client.post("/import/", {"file": ""})
    assert response.status_code == 400  # the form's own answer: no file given
