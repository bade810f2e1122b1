"""The engine is pure Python: importing it must not pull in Django."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_it_imports_without_django() -> None:
    code = (
        "import sys, comparisons.alignment as a, comparisons.alignment.engine;"
        "from comparisons.alignment import align;"
        "bad = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'));"
        "print(','.join(bad)); sys.exit(1 if bad else 0)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=False, timeout=60
    )
    assert done.returncode == 0, f"django modules imported: {done.stdout} {done.stderr}"


def test_no_module_of_the_engine_mentions_django() -> None:
    package = REPO / "comparisons" / "alignment"
    for path in package.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "import django" not in text and "from django" not in text, path


def test_it_imports_no_embedding_model() -> None:
    # Embeddings are an optional input computed outside the engine (comparisons.semantic).
    code = (
        "import sys, comparisons.alignment;"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in {'torch', 'sentence_transformers', 'transformers'});"
        "print(','.join(bad)); sys.exit(1 if bad else 0)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=False, timeout=60
    )
    assert done.returncode == 0, f"model packages imported: {done.stdout} {done.stderr}"


def test_it_imports_nothing_of_the_project_outside_itself() -> None:
    project = {"config", "core", "accounts", "treaties", "comparisons", "research"}
    code = (
        "import sys, comparisons.alignment;"
        f"project = {sorted(project)!r};"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in project"
        " and m != 'comparisons' and not m.startswith('comparisons.alignment'));"
        "print(','.join(bad)); sys.exit(1 if bad else 0)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=False, timeout=60
    )
    assert done.returncode == 0, f"project modules imported: {done.stdout} {done.stderr}"
