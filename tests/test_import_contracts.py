"""The boundaries between apps (``[tool.importlinter]`` in pyproject.toml) hold, and would catch a breach."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PACKAGES = ("config", "core", "accounts", "treaties", "comparisons", "research")
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(root / "pyproject.toml"), "--no-cache"],
        cwd=root,
        env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A copy of the project's packages and its contracts, to break on purpose."""
    for name in PACKAGES:
        shutil.copytree(REPO / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_it_keeps_every_contract_on_the_project() -> None:
    done = lint_imports(REPO)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        pytest.param("comparisons/alignment/leak.py", "import django.db\n", "pure Python", id="engine-imports-django"),
        pytest.param(
            "comparisons/alignment/leak.py", "import treaties.models\n", "pure Python", id="engine-imports-an-app"
        ),
        pytest.param(
            "comparisons/leak.py",
            "from comparisons.alignment.link import CLOSE_COPY\n",
            "Only the engine",
            id="app-reaches-into-the-engine",
        ),
        pytest.param(
            "treaties/leak.py", "import comparisons.models\n", "treaties imports neither", id="texts-import-comparisons"
        ),
        pytest.param(
            "comparisons/leak.py",
            "import research\n",
            "do not depend on the research",
            id="comparisons-import-research",
        ),
        pytest.param("accounts/leak.py", "import treaties.models\n", "depend on no app", id="accounts-import-an-app"),
    ],
)
def test_it_reports_a_breach_of_each_contract(tree: Path, module: str, line: str, contract: str) -> None:
    (tree / module).write_text(line, encoding="utf-8")
    done = lint_imports(tree)
    assert done.returncode != 0
    assert "1 broken" in done.stdout, done.stdout
    _, _, broken = done.stdout.partition("Broken contracts")
    assert contract in broken and module.removesuffix(".py").replace("/", ".") in broken, done.stdout
