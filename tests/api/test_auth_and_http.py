"""Tokens (page and command), throttling, conditional GET, the error body off the routes, schema and docs."""

from __future__ import annotations

import re

import pytest
import requests
import yaml
from django.core.management import CommandError, call_command
from rest_framework.authtoken.models import Token

from accounts.roles import save_user_with_role

from .conftest import PASSWORD, assert_error

pytestmark = pytest.mark.django_db(transaction=True)


def _signed_in(live_server, username: str) -> requests.Session:
    save_user_with_role(username=username, role="reader", password=PASSWORD)
    browser = requests.Session()
    login = live_server.url + "/accounts/login/"
    browser.get(login)
    browser.post(
        login, data={"username": username, "password": PASSWORD, "csrfmiddlewaretoken": browser.cookies["csrftoken"]}
    )
    return browser


def _press(browser: requests.Session, url: str, action: str) -> requests.Response:
    return browser.post(
        url, data={"action": action, "csrfmiddlewaretoken": browser.cookies["csrftoken"]}, headers={"Referer": url}
    )


def test_a_signed_in_user_creates_uses_and_revokes_their_own_token(live_server, corpus):
    browser = _signed_in(live_server, "rosa")
    page = live_server.url + "/accounts/api-token/"
    assert "You have no token." in browser.get(page).text
    created = _press(browser, page, "create")
    key = Token.objects.get(user__username="rosa").key
    assert created.status_code == 200 and key in created.text and "New token created" in created.text
    me = requests.get(live_server.url + "/api/v1/instruments/", headers={"Authorization": f"Token {key}"}, timeout=30)
    assert me.status_code == 200
    revoked = _press(browser, page, "revoke")
    assert "Token revoked" in revoked.text and not Token.objects.exists()
    refused = requests.get(
        live_server.url + "/api/v1/instruments/", headers={"Authorization": f"Token {key}"}, timeout=30
    )
    assert_error(refused, 401)
    assert _press(browser, page, "steal").status_code == 400


def test_the_token_page_needs_a_signed_in_user(live_server, db):
    response = requests.get(live_server.url + "/accounts/api-token/", allow_redirects=False, timeout=30)
    assert response.status_code == 302 and "/accounts/login/" in response.headers["Location"]


def test_the_api_token_command_prints_a_new_token_and_revokes_it(db, capsys):
    save_user_with_role(username="sam", role="curator", password=PASSWORD)
    call_command("api_token", "sam")
    first = capsys.readouterr().out.strip()
    assert Token.objects.get(user__username="sam").key == first
    call_command("api_token", "sam")
    assert Token.objects.get(user__username="sam").key == capsys.readouterr().out.strip() != first
    call_command("api_token", "sam", "--revoke")
    assert "revoked" in capsys.readouterr().out and not Token.objects.exists()
    with pytest.raises(CommandError, match="no user 'nobody'"):
        call_command("api_token", "nobody")


def test_anonymous_clients_are_throttled_and_token_users_are_not(corpus, anonymous, curator, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "3/minute"}}
    assert [anonymous.get("/instruments/").status_code for _ in range(3)] == [200, 200, 200]
    throttled = anonymous.get("/instruments/")
    assert_error(throttled, 429)
    assert int(throttled.headers["Retry-After"]) > 0
    assert [curator.get("/instruments/").status_code for _ in range(5)] == [200] * 5


def test_reads_send_an_etag_and_answer_304_while_it_holds(aligned, anonymous, curator):
    url = "/comparisons/smuggling-protocol--tip-protocol/"
    first = anonymous.get(url)
    etag = first.headers["ETag"]
    again = anonymous.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    other = anonymous.get("/comparisons/smuggling-protocol--tip-protocol/links/", headers={"If-None-Match": etag})
    assert other.status_code == 200
    link = next(r for r in anonymous.get(url + "links/", params={"relation": "adopted"}).json()["results"])
    posted = {"target": link["target"]["eid"], "source": link["source"]["ref"], "action": "reject"}
    assert curator.post(url + "decisions/", json=posted).status_code == 201
    changed = anonymous.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag


def test_paths_outside_the_routes_answer_the_error_body(live_server, db):
    response = requests.get(live_server.url + "/api/v1/treaties/", timeout=30)
    assert_error(response, 404)
    assert_error(requests.get(live_server.url + "/api/v1/provisions/untoc/", timeout=30), 404)
    page = requests.get(live_server.url + "/no-such-page/", timeout=30)
    assert page.status_code == 404 and page.headers["Content-Type"].startswith("text/html")


def test_the_schema_documents_every_endpoint_and_the_docs_load_their_own_assets(live_server, db):
    schema = yaml.safe_load(requests.get(live_server.url + "/api/schema/", timeout=30).text)
    assert schema["openapi"].startswith("3.")
    paths = set(schema["paths"])
    assert {
        "/api/v1/instruments/",
        "/api/v1/instruments/{id}/tree/",
        "/api/v1/instruments/{instrument}/provisions/{eid}/",
        "/api/v1/provisions/",
        "/api/v1/comparisons/{slug}/links/",
        "/api/v1/comparisons/{slug}/decisions/",
        "/api/v1/comparisons/{slug}/export/",
        "/api/v1/find-source/",
    } <= paths
    create = schema["paths"]["/api/v1/comparisons/{slug}/decisions/"]["post"]
    assert {"201", "400", "401", "403", "404", "429"} <= set(create["responses"])
    links = schema["paths"]["/api/v1/comparisons/{slug}/links/"]["get"]
    assert {"relation", "feature", "evidence", "source", "article", "curated", "level", "limit", "offset"} <= {
        p["name"] for p in links["parameters"]
    }
    docs = requests.get(live_server.url + "/api/docs/", timeout=30).text
    assets = re.findall(r'(?:src|href)="(/static/drf_spectacular_sidecar/[^"]+)"', docs)
    assert assets and "cdn" not in docs.lower()
    for asset in assets:
        assert requests.get(live_server.url + asset, timeout=30).status_code == 200, asset


def test_the_schema_documents_the_research_endpoints_and_the_links_research_filters(live_server, research_data):
    schema = yaml.safe_load(requests.get(live_server.url + "/api/schema/", timeout=30).text)
    paths = set(schema["paths"])
    assert {
        "/api/v1/norms/",
        "/api/v1/norm-families/",
        "/api/v1/references/",
        "/api/v1/findings/",
        "/api/v1/annotations/",
        "/api/v1/annotations/{id}/history/",
        "/api/v1/annotations/{id}/status/",
        "/api/v1/annotations/export/",
        "/api/v1/codebooks/{slug}/tree/",
        "/api/v1/codebooks/{slug}/export/",
        "/api/v1/tags/{id}/merge/",
        "/api/v1/codings/",
        "/api/v1/codings/export/",
        "/api/v1/agreement/",
        "/api/v1/settlements/",
    } <= paths
    links = schema["paths"]["/api/v1/comparisons/{slug}/links/"]["get"]["parameters"]
    norm = next(p for p in links if p["name"] == "norm")
    assert "sovereignty" in norm["schema"]["enum"]
    assert {"explained", "tagged"} <= {p["name"] for p in links}
    edit = schema["paths"]["/api/v1/annotations/{id}/"]["patch"]
    assert {"200", "400", "401", "403", "404"} <= set(edit["responses"])
    assert "application/ld+json" in schema["paths"]["/api/v1/annotations/export/"]["get"]["responses"]["200"]["content"]
