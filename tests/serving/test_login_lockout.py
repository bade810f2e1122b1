"""Login is throttled per username and per address (django-axes), on the site's login and the admin's."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client

from accounts.roles import save_user_with_role

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-unusual-passphrase-42"
SITE, ADMIN = "/accounts/login/", "/admin/login/"


def post_login(url: str, username: str, password: str, address: str = "198.51.100.7"):
    return Client(REMOTE_ADDR=address).post(url, {"username": username, "password": password})


def logged_in(response) -> bool:
    return response.status_code == 302 and "_auth_user_id" in response.client.session


@pytest.fixture
def cora():
    save_user_with_role(username="cora", role="curator", password=PASSWORD)


@pytest.fixture
def admin():
    get_user_model().objects.create_superuser("root", "root@example.org", PASSWORD)


def test_after_too_many_wrong_passwords_the_right_one_is_refused_on_the_site(cora):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert post_login(SITE, "cora", "wrong-guess").status_code == 200  # the form again, with its error
    assert post_login(SITE, "cora", "wrong-guess").status_code == 429

    refused = post_login(SITE, "cora", PASSWORD)

    assert refused.status_code == 429
    assert not logged_in(refused)
    assert "Too many failed logins" in refused.content.decode()


def test_the_account_is_locked_from_another_address_too(cora):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        post_login(SITE, "cora", "wrong-guess", address="198.51.100.7")

    assert post_login(SITE, "cora", PASSWORD, address="203.0.113.9").status_code == 429


def test_an_address_that_guessed_too_often_is_locked_out_for_every_username(cora):
    save_user_with_role(username="ines", role="curator", password=PASSWORD)
    for n in range(settings.AXES_FAILURE_LIMIT):
        post_login(SITE, f"nobody-{n}", "wrong-guess", address="198.51.100.7")

    assert post_login(SITE, "ines", PASSWORD, address="198.51.100.7").status_code == 429
    assert logged_in(post_login(SITE, "ines", PASSWORD, address="203.0.113.9"))


def test_other_users_on_other_addresses_still_log_in(cora):
    save_user_with_role(username="ines", role="curator", password=PASSWORD)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        post_login(SITE, "cora", "wrong-guess", address="198.51.100.7")

    assert logged_in(post_login(SITE, "ines", PASSWORD, address="203.0.113.9"))


def test_a_few_mistakes_do_not_lock_anyone_out(cora):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        post_login(SITE, "cora", "wrong-guess")

    assert logged_in(post_login(SITE, "cora", PASSWORD))


def test_the_admin_login_is_throttled_too(admin):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        post_login(ADMIN, "root", "wrong-guess")

    refused = post_login(ADMIN, "root", PASSWORD)

    assert refused.status_code == 429
    assert not logged_in(refused)


def test_behind_the_proxy_addresses_come_from_x_real_ip(cora, settings):
    settings.BEHIND_PROXY = True
    for _ in range(settings.AXES_FAILURE_LIMIT):
        Client(REMOTE_ADDR="10.0.0.2", HTTP_X_REAL_IP="198.51.100.7").post(SITE, {"username": "x", "password": "y"})

    other_client = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_REAL_IP="203.0.113.9")
    assert logged_in(other_client.post(SITE, {"username": "cora", "password": PASSWORD}))
    same_client = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_REAL_IP="198.51.100.7")
    assert same_client.post(SITE, {"username": "cora", "password": PASSWORD}).status_code == 429


def test_without_the_proxy_a_client_cannot_choose_its_address(cora):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        Client(REMOTE_ADDR="198.51.100.7", HTTP_X_REAL_IP="192.0.2.1").post(SITE, {"username": "x", "password": "y"})

    spoofing = Client(REMOTE_ADDR="198.51.100.7", HTTP_X_REAL_IP="203.0.113.9")
    assert spoofing.post(SITE, {"username": "cora", "password": PASSWORD}).status_code == 429
