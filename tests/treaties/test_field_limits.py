"""Every field is checked against the model before anything is written, with one set of limits on
every path: ``import_treaty``, ``load_corpus`` and the browser's import form.

A refusal names the file, the line (where known) and the field; nothing is written; the commands
exit non-zero; the form answers 400 with the message, never 500.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client

from accounts.roles import save_user_with_role
from tests.jobs import run_queued_jobs
from tests.page_text import page_text
from treaties.models import Provision, Treaty
from treaties.services import import_bytes

pytestmark = pytest.mark.django_db


def treaty(*, front: str = "", body: str = "## Article 1\nText.\n", title: str = "Invented Limits Convention") -> str:
    return f"---\nid: limits\ntitle: {title}\n{front}---\n{body}"


def _spelled_out(text: str) -> str:
    """``{c*n}`` in the cases file is the character c written n times."""
    return re.sub(r"\{(.)\*(\d+)\}", lambda m: m[1] * int(m[2]), text)


def _cases() -> dict[str, tuple[str, str]]:
    """Case name -> (the treaty file, the refusal it must get), from ``data/field_limits.toml``."""
    table = tomllib.loads((Path(__file__).parent / "data" / "field_limits.toml").read_text(encoding="utf-8"))
    return {
        name: (
            treaty(**{part: _spelled_out(text) for part, text in case.items() if part != "refusal"}),
            case["refusal"],
        )
        for name, case in table.items()
    }


CASES = _cases()


def snapshot() -> tuple[list[tuple], list[tuple]]:
    return (
        list(Treaty.objects.order_by("slug").values_list("slug", "title", "checksum")),
        list(Provision.objects.order_by("treaty__slug", "position").values_list("eid", "text")),
    )


@pytest.mark.parametrize("case", sorted(CASES))
def test_import_treaty_refuses_the_field_naming_file_line_and_field(tmp_path, sample_treaty, case):
    text, message = CASES[case]
    path = tmp_path / f"{case}.md"
    path.write_text(text, encoding="utf-8")
    before = snapshot()
    with pytest.raises(CommandError, match=rf"^{path}, {message}.* — nothing was imported$"):
        call_command("import_treaty", str(path))
    assert snapshot() == before


@pytest.mark.parametrize("case", sorted(CASES))
def test_load_corpus_refuses_the_field_and_imports_the_rest(tmp_path, capsys, case):
    text, message = CASES[case]
    (tmp_path / f"{case}.md").write_text(text, encoding="utf-8")
    (tmp_path / "good.md").write_text(treaty().replace("id: limits", "id: good"), encoding="utf-8")
    with pytest.raises(CommandError, match="1 of 2 instruments could not be imported"):
        call_command("load_corpus", "--dir", str(tmp_path))
    refused = rf"^\[\d/2\] {tmp_path / case}\.md, {message} — not imported$"
    assert re.search(refused, capsys.readouterr().err, re.MULTILINE)
    assert list(Treaty.objects.values_list("slug", flat=True)) == ["good"]


@pytest.fixture
def curator() -> Client:
    save_user_with_role(username="curator", role="curator", password="a-long-unusual-passphrase-42")
    client = Client()
    assert client.login(username="curator", password="a-long-unusual-passphrase-42")
    return client


@pytest.mark.parametrize("check_only", ["on", ""])
@pytest.mark.parametrize("case", sorted(CASES))
def test_the_import_job_shows_the_refusal(curator, case, check_only):
    """The browser import runs as a background job (issue 15, item 2): its page shows the refusal."""
    text, message = CASES[case]
    upload = SimpleUploadedFile(f"{case}.md", text.encode(), "text/markdown")
    response = curator.post("/import/", {"file": upload, "check_only": check_only})
    assert response.status_code == 302 and response["Location"].startswith("/jobs/")
    assert run_queued_jobs() == 1
    shown = page_text(curator.get(response["Location"]))
    assert re.search(rf"{case}\.md, {message}", shown)
    assert "nothing was imported" in shown
    assert not Treaty.objects.exists()


def test_the_service_checks_the_fields_of_any_caller(sample_treaty):
    """A plain-text import with a title from the caller: the same limit as front matter."""
    before = snapshot()
    with pytest.raises(ValueError, match=r"^regional\.txt: --title is 600 characters long; the limit is 500$"):
        import_bytes(name="regional.txt", data=b"Article 1\n\nText.\n", slug="regional", title="T" * 600)
    with pytest.raises(ValueError, match=r"source file name contains a NUL byte"):
        import_bytes(name="bad\x00name.md", data=treaty().encode())
    assert snapshot() == before


def test_the_model_fields_and_the_form_take_their_sizes_from_the_limits():
    from treaties.forms import ImportForm
    from treaties.parsing import limits

    assert Treaty._meta.get_field("short_title").max_length == limits.SHORT_TITLE_MAX
    assert Treaty._meta.get_field("language").max_length == limits.LANGUAGE_MAX
    assert Provision._meta.get_field("number").max_length == limits.NUMBER_MAX
    assert ImportForm().fields["title"].max_length == limits.TITLE_MAX
