"""Shared fixtures: the corpus location and small invented treaties."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings

from treaties.services import import_file

#: The invented sample convention (also the worked example of the corpus format).
SAMPLE_TREATY = (settings.BASE_DIR / "fixtures" / "sample-convention.md").read_text(encoding="utf-8")


@pytest.fixture
def corpus_dir() -> Path:
    directory = Path(settings.TREATY_CORPUS_DIR)
    assert directory.is_dir(), f"treaty corpus not found at {directory} (set TREATY_CORPUS_DIR)"
    return directory


@pytest.fixture
def sample_file(tmp_path: Path) -> Path:
    path = tmp_path / "sample-convention.md"
    path.write_text(SAMPLE_TREATY, encoding="utf-8")
    return path


@pytest.fixture
def sample_treaty(db, sample_file):
    import_file(path=sample_file)
    from treaties.models import Treaty

    return Treaty.objects.get(slug="sample-convention")


@pytest.fixture
def corpus(db, corpus_dir):
    """All corpus instruments imported (about 1 s)."""
    from treaties.services import corpus_files

    for path in corpus_files(corpus_dir):
        import_file(path=path)
