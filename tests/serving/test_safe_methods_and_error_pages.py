"""Read-only pages answer only safe methods; error pages are the site's; public pages set no cookie."""

from __future__ import annotations

import logging

import pytest
from django.test import Client

from accounts.roles import save_user_with_role

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-unusual-passphrase-42"
SLUG = "coe-trafficking--tip-protocol+untoc"

UNSAFE = ["put", "delete", "patch", "post", "trace"]
READ_ONLY = [
    "/",
    "/treaties/",
    "/treaties/untoc/",
    "/treaties/untoc/art_5/",
    "/search/?q=victims",
    "/comparisons/",
    f"/comparisons/{SLUG}/",
    f"/comparisons/{SLUG}/pair/?target=art_1__para_1&source=tip-protocol/art_2",
    f"/comparisons/{SLUG}/coverage/",
    f"/comparisons/{SLUG}/method/",
    f"/comparisons/{SLUG}/picker/?target=art_4",
    "/find-source/",
    "/alignments/untoc/art_5/",
]


@pytest.fixture
def aligned(corpus):
    from django.core.management import call_command

    call_command("align", target="coe-trafficking", sources=["tip-protocol", "untoc"], stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_read_only_pages_refuse_unsafe_methods(aligned):
    client = Client()
    answers = {(url, method): getattr(client, method)(url).status_code for url in READ_ONLY for method in UNSAFE}
    assert {key: status for key, status in answers.items() if status != 405} == {}


def test_read_only_pages_answer_get_and_head_and_set_no_cookie_for_anonymous_readers(aligned):
    client = Client()
    for url in READ_ONLY:
        response = client.get(url)
        assert response.status_code == 200, url
        assert client.head(url).status_code == 200, url
        assert not response.cookies, (url, list(response.cookies))
        assert "cookie" not in response.get("Vary", "").lower(), (url, response.get("Vary"))


def test_the_404_page_does_not_name_the_resolver(db):
    response = Client().get("/no/such/page/")
    body = response.content.decode()
    assert response.status_code == 404
    assert "Resolver404" not in body and "Http404" not in body
    assert "Not found" in body and 'class="site-header"' in body


def test_a_reader_opening_the_import_page_gets_the_sites_403_page_and_no_traceback_is_logged(caplog):
    save_user_with_role(username="rita", role="reader", password=PASSWORD)
    client = Client()
    client.login(username="rita", password=PASSWORD)
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.get("/import/")
    body = response.content.decode()
    assert response.status_code == 403
    assert 'class="site-header"' in body and "Not allowed" in body and "rita" in body
    forbidden = [r for r in caplog.records if r.name == "django.request" and r.status_code == 403]
    assert forbidden, "the refusal is still logged"
    handler = logging.getLogger().handlers[0]
    assert all("Traceback" not in handler.format(r) for r in forbidden)


def test_the_500_page_is_in_the_sites_style(db, settings):
    from django.template.loader import render_to_string

    body = render_to_string("500.html")  # as Django's server_error renders it: no request, no context
    assert 'class="site-header"' in body and "Something went wrong" in body


def test_signed_in_users_still_get_the_csrf_token_for_htmx(aligned):
    save_user_with_role(username="cora", role="curator", password=PASSWORD)
    client = Client()
    client.login(username="cora", password=PASSWORD)
    body = client.get(f"/comparisons/{SLUG}/").content.decode()
    assert 'hx-headers=\'{"X-CSRFToken": "' in body


def test_the_login_page_still_sets_the_csrf_cookie_for_its_form(db):
    response = Client().get("/accounts/login/")
    assert "csrftoken" in response.cookies
