"""Shared fixtures: the corpus location and small invented treaties."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings

from treaties.services import import_file

SAMPLE_TREATY = """---
id: sample-convention
title: Sample Convention on Invented Matters
short_title: Sample Convention
adopted: 2001-02-03
language: en
---

# Preamble
The Parties to this Convention, mindful of invented concerns, have agreed as follows:

# Chapter I — General matters

## Article 1 — Purpose
The purpose of this Convention is to illustrate a parser.

## Article 2 — Terms
For the purposes of this Convention:
(a) "Widget" shall mean an invented object;
(b) "Gadget" shall mean another invented object.

# Chapter II — Obligations

## Article 3 — Duties
1. Each Party shall keep a register of widgets.
2. Each Party shall, in accordance with its domestic law:
(a) inspect gadgets;
(b) report on:
(i) widgets;
(ii) gadgets.
Such reports shall be public.
3. Each Party may share its register.

# Testimonium
IN WITNESS WHEREOF the undersigned have signed this Convention.
"""


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
