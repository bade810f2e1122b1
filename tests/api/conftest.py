"""Real HTTP against pytest-django's live server: a requests session per client, users by role with tokens."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
import requests
from django.core.cache import cache

from accounts.tokens import renew_token
from comparisons.models import Comparison
from comparisons.services import get_or_create_comparison, run_alignment
from tests.factories import person_fixture

PASSWORD = "a long enough password 42"
#: The smaller comparison: quick to align in every test that needs a run.
TARGET, SOURCES = "smuggling-protocol", ["tip-protocol"]


@dataclass
class Api:
    url: str  # the live server's /api/v1
    session: requests.Session

    def get(self, path: str, **kwargs) -> requests.Response:
        return self.session.get(self.url + path, timeout=60, **kwargs)

    def post(self, path: str, **kwargs) -> requests.Response:
        return self.session.post(self.url + path, timeout=60, **kwargs)

    def patch(self, path: str, **kwargs) -> requests.Response:
        return self.session.patch(self.url + path, timeout=60, **kwargs)

    def delete(self, path: str, **kwargs) -> requests.Response:
        return self.session.delete(self.url + path, timeout=60, **kwargs)


@pytest.fixture(autouse=True)
def _fresh_throttle() -> Iterator[None]:
    """Throttle history lives in the cache: every test starts with none."""
    cache.clear()
    yield
    cache.clear()


def _client(live_server, token: str | None = None) -> Iterator[Api]:
    session = requests.Session()
    if token:
        session.headers["Authorization"] = f"Token {token}"
    yield Api(live_server.url + "/api/v1", session)
    session.close()


@pytest.fixture
def anonymous(live_server) -> Iterator[Api]:
    yield from _client(live_server)


def _api_of(user, live_server) -> Iterator[Api]:
    yield from _client(live_server, renew_token(user=user).key)


curator = person_fixture("carla", "curator", PASSWORD, after="live_server", serve=_api_of)
researcher = person_fixture("rita", "researcher", PASSWORD, after="live_server", serve=_api_of)
other_researcher = person_fixture("omar", "researcher", PASSWORD, after="live_server", serve=_api_of)
reader = person_fixture("reed", "reader", PASSWORD, after="live_server", serve=_api_of)


@pytest.fixture
def research_data(db):
    """The shipped vocabulary, bibliography and literature claims (``load_research``)."""
    from research.loading import load_research

    return load_research()


@pytest.fixture
def aligned(corpus) -> Comparison:
    """The Smuggling Protocol read against the TIP Protocol, aligned once."""
    comparison = get_or_create_comparison(target=TARGET, sources=SOURCES)
    run_alignment(comparison=comparison)
    return comparison


def assert_error(response: requests.Response, status: int, *fields: str) -> dict:
    """The one error body: ``detail`` always, ``errors`` naming exactly ``fields``."""
    assert response.status_code == status, (response.status_code, response.text[:500])
    assert response.headers["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"detail", "errors"}
    assert body["detail"]
    assert sorted(body["errors"]) == sorted(fields)
    for messages in body["errors"].values():
        assert messages and all(isinstance(m, str) and m for m in messages)
    return body


@pytest.fixture
def actip(corpus, corpus_dir, tmp_path) -> Comparison:
    """The invented regional sample imported as ``actip`` (what the literature's claims concern), aligned
    against UNTOC."""
    from tests.research.conftest import sample_text
    from treaties.services import import_file

    path = tmp_path / "sample-regional-convention.md"
    path.write_text(sample_text(corpus_dir, as_id="actip"), encoding="utf-8")
    import_file(path=path)
    comparison = get_or_create_comparison(target="actip", sources=["untoc"])
    run_alignment(comparison=comparison)
    return comparison
