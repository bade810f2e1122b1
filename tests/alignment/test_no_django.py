"""The engine is pure Python: importing it must not pull in Django."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def modules_loaded_by(statement: str, wanted: str) -> list[str]:
    """The modules for which ``wanted`` (a Python expression of ``m``) holds after ``statement``
    runs in a fresh interpreter."""
    code = f"import sys; {statement}; print(','.join(sorted(m for m in sys.modules if {wanted})))"
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True, timeout=60
    )
    return [name for name in done.stdout.strip().split(",") if name]


def test_it_imports_without_django() -> None:
    statement = "import comparisons.alignment.engine; from comparisons.alignment import align"
    assert modules_loaded_by(statement, "m.split('.')[0] == 'django'") == []


def test_no_module_of_the_engine_mentions_django() -> None:
    package = REPO / "comparisons" / "alignment"
    for path in package.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "import django" not in text and "from django" not in text, path


def test_it_imports_no_embedding_model() -> None:
    # Embeddings are an optional input computed outside the engine (comparisons.semantic).
    models = "m.split('.')[0] in {'torch', 'sentence_transformers', 'transformers'}"
    assert modules_loaded_by("import comparisons.alignment", models) == []


def test_it_imports_nothing_of_the_project_outside_itself() -> None:
    project = "m.split('.')[0] in {'config', 'core', 'accounts', 'treaties', 'comparisons', 'research'}"
    outside = f"{project} and m != 'comparisons' and not m.startswith('comparisons.alignment')"
    assert modules_loaded_by("import comparisons.alignment", outside) == []
