"""Research fixtures: the loaded vocabulary, people in each role, and an aligned stand-in for ACTIP."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings

from research.loading import load_research
from tests.factories import person_fixture

SAMPLE = Path(settings.BASE_DIR) / "fixtures" / "sample-regional-convention.md"
PASSWORD = "a-long-unusual-passphrase-42"
PLACEHOLDER = re.compile(r"^\{\{ ([a-z0-9-]+)/art_(\d+) \}\}$", re.MULTILINE)


def article_body(corpus_dir: Path, slug: str, number: str) -> str:
    """The lines of an article in a corpus file, without its heading."""
    lines = (corpus_dir / f"{slug}.md").read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if re.match(rf"^## Article {number}( |$)", line))
    body = []
    for line in lines[start + 1 :]:
        if line.startswith("#"):
            break
        body.append(line)
    return "\n".join(body).strip()


def sample_text(corpus_dir: Path, *, drop_article: str = "", as_id: str = "") -> str:
    """The sample regional convention with its placeholders filled from the corpus (``as_id``: under another id)."""
    text = PLACEHOLDER.sub(lambda m: article_body(corpus_dir, m[1], m[2]), SAMPLE.read_text(encoding="utf-8"))
    if drop_article:  # a later "version" of the instrument without one article
        text = re.sub(rf"^## Article {drop_article} .*?(?=^## |\Z)", "", text, flags=re.MULTILINE | re.DOTALL)
    if as_id:
        text = text.replace("\nid: sample-regional\n", f"\nid: {as_id}\n", 1)
    return text


@pytest.fixture
def research_data(db):
    return load_research()


researcher = person_fixture("rita", "researcher", PASSWORD)
other_researcher = person_fixture("omar", "researcher", PASSWORD)
curator = person_fixture("cora", "curator", PASSWORD)
reader = person_fixture("reed", "reader", PASSWORD)


@pytest.fixture
def import_sample(db, corpus_dir, tmp_path):
    """Import the sample convention under the id ``actip`` (standing in for ACTIP).

    ``drop_article`` re-imports it changed, without that article (``allow_removals``: the count of
    provisions that removes, which an import must confirm)."""
    from treaties.services import import_file

    def run(*, drop_article: str = "", allow_removals: int = 0):
        path = tmp_path / "sample-regional-convention.md"
        path.write_text(sample_text(corpus_dir, drop_article=drop_article, as_id="actip"), encoding="utf-8")
        return import_file(path=path, allow_removals=allow_removals)

    return run


@pytest.fixture
def aligned(db, corpus_dir, import_sample, research_data):
    """UNTOC imported, the sample imported as ``actip`` and aligned against UNTOC."""
    from comparisons.services import get_or_create_comparison, run_alignment
    from treaties.services import import_file

    import_file(path=corpus_dir / "untoc.md")
    import_sample()
    comparison = get_or_create_comparison(target="actip", sources=["untoc"])
    run_alignment(comparison=comparison)
    return comparison
