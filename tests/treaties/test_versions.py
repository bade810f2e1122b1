"""No text is lost: every import is kept as a version, removals need their count confirmed, and a
curator can compare versions and restore one (issue 15, item 9)."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.http import HttpResponse
from django.test import Client

from accounts.roles import save_user_with_role
from tests.jobs import run_queued_jobs
from tests.page_text import page_text
from treaties.models import Treaty, TreatyVersion
from treaties.services import import_file
from treaties.versions import word_ops

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-unusual-passphrase-42"
UNTOC_TITLE = "United Nations Convention against Transnational Organized Crime"
ONE_ARTICLE_UNTOC = f"""---
id: untoc
title: {UNTOC_TITLE}
short_title: UNTOC
---

## Article 1 — Statement of purpose
A single invented article that would replace the whole convention.
"""


def client_with(role: str) -> Client:
    save_user_with_role(username=role, role=role, password=PASSWORD)
    client = Client()
    assert client.login(username=role, password=PASSWORD)
    return client


def untoc_eids() -> list[str]:
    return list(Treaty.objects.get(slug="untoc").provisions.order_by("position").values_list("eid", flat=True))


@pytest.fixture
def one_article_file(tmp_path: Path) -> Path:
    path = tmp_path / "untoc-one-article.md"
    path.write_text(ONE_ARTICLE_UNTOC, encoding="utf-8")
    return path


def test_every_import_that_changes_the_text_is_kept_with_file_and_checksum(sample_file):
    import_file(path=sample_file)
    import_file(path=sample_file)  # unchanged: no new version
    sample_file.write_text(sample_file.read_text().replace("register of widgets", "public register of widgets"))
    import_file(path=sample_file)

    first, second = TreatyVersion.objects.filter(treaty__slug="sample-convention").order_by("number")
    assert (first.number, second.number) == (1, 2)
    assert second.checksum == hashlib.sha256(sample_file.read_bytes()).hexdigest() != first.checksum
    assert second.source_file == str(sample_file) and second.created_by is None
    texts = {row["eid"]: row["text"] for row in second.provisions}
    assert texts["art_3__para_1"] == "Each Party shall keep a public register of widgets."
    assert len(first.provisions) == len(second.provisions) == Treaty.objects.get().provisions.count()


def test_the_command_refuses_a_re_import_that_would_remove_provisions_without_their_count(corpus, one_article_file):
    before = untoc_eids()
    assert len(before) == 344

    for confirmation in ([], ["--allow-removals", "10"]):
        with pytest.raises(CommandError, match=r"would remove 343 provisions .*--allow-removals 343 to confirm"):
            call_command("import_treaty", str(one_article_file), *confirmation)

    assert untoc_eids() == before  # nothing written
    assert TreatyVersion.objects.filter(treaty__slug="untoc").count() == 1


def test_with_the_count_confirmed_it_imports_and_the_old_version_can_be_restored(corpus, one_article_file):
    before = untoc_eids()
    call_command("import_treaty", str(one_article_file), "--allow-removals", "343")
    assert untoc_eids() == ["art_1"]

    curator = client_with("curator")
    versions = curator.get("/treaties/untoc/versions/")
    assert "Restore version 1" in page_text(versions)
    restored = curator.post("/treaties/untoc/versions/1/restore/", follow=True)

    assert "Restored version 1: 343 provisions added, 0 removed, 1 edited" in page_text(restored)
    assert untoc_eids() == before  # the same 344 eIds, in the same order
    latest = TreatyVersion.objects.filter(treaty__slug="untoc").order_by("-number").first()
    assert latest is not None and latest.number == 3 and latest.restored_from is not None
    assert latest.restored_from.number == 1 and latest.created_by is not None
    assert latest.created_by.get_username() == "curator"
    assert "restored from version 1" in page_text(curator.get("/treaties/untoc/versions/"))


def test_a_reader_cannot_restore_a_version(corpus, one_article_file, client):
    call_command("import_treaty", str(one_article_file), "--allow-removals", "343")
    reader = client_with("reader")

    assert "Restore version" not in page_text(reader.get("/treaties/untoc/versions/"))
    assert reader.post("/treaties/untoc/versions/1/restore/").status_code == 403
    assert client.post("/treaties/untoc/versions/1/restore/").status_code == 302  # anonymous: to the login page
    assert client_with("researcher").post("/treaties/untoc/versions/1/restore/").status_code == 403
    assert client_with("curator").get("/treaties/untoc/versions/1/restore/").status_code == 405
    assert untoc_eids() == ["art_1"]


def test_the_browser_import_refuses_the_one_article_untoc_until_the_count_is_confirmed(corpus):
    curator = client_with("curator")
    before = untoc_eids()

    def upload(**fields: str) -> str:
        data = {"file": SimpleUploadedFile("untoc.md", ONE_ARTICLE_UNTOC.encode(), "text/markdown"), **fields}
        queued = curator.post("/import/", data)
        assert queued.status_code == 302, queued
        run_queued_jobs()
        return page_text(curator.get(queued["Location"]))

    checked = upload(check_only="on")
    assert "Check passed: nothing was written" in checked
    assert "This import would remove 343 provisions." in checked
    assert "“Provisions it may remove” set to 343" in checked

    refused = upload()
    assert "Failed" in refused and "would remove 343 provisions of untoc" in refused
    assert "set to 343" in refused
    assert untoc_eids() == before

    imported = upload(allow_removals="343")
    assert "Updated untoc: 0 provisions added, 343 removed, 1 edited" in imported
    assert untoc_eids() == ["art_1"]


def test_the_versions_page_lists_who_when_file_and_checksum(corpus):
    curator = client_with("curator")
    queued = curator.post(
        "/import/", {"file": SimpleUploadedFile("untoc-short.md", ONE_ARTICLE_UNTOC.encode()), "allow_removals": 343}
    )
    assert queued.status_code == 302
    run_queued_jobs()
    version = TreatyVersion.objects.get(treaty__slug="untoc", number=2)

    page = Client().get("/treaties/untoc/versions/")  # readers (anonymous too) may read the history
    assert page.status_code == 200
    row = re.search(r'<tr id="version-2">.*?</tr>', page.content.decode(), re.S)
    assert row, "no row for version 2"
    cells = page_text(HttpResponse(row.group(0)))
    assert "curator" in cells and "untoc-short.md" in cells and version.checksum in cells
    assert version.created_at.strftime("%Y-%m-%d %H:%M") in cells
    first = re.search(r'<tr id="version-1">.*?</tr>', page.content.decode(), re.S)
    assert first and "command line" in first.group(0) and "untoc.md" in first.group(0)
    assert 'href="/treaties/untoc/versions/"' in Client().get("/treaties/untoc/").content.decode()


def test_two_versions_compare_by_eid_with_a_word_level_diff(sample_file):
    import_file(path=sample_file)
    text = sample_file.read_text()
    text = text.replace("3. Each Party may share its register.\n", "")
    text = text.replace("keep a register of widgets.", "keep a public register of widgets.")
    text = text.replace("another invented object.", 'another invented object;\n(c) "Gizmo" shall mean a third.')
    sample_file.write_text(text)
    import_file(path=sample_file, allow_removals=1)

    response = Client().get("/treaties/sample-convention/versions/compare/", {"old": 1, "new": 2})

    assert response.status_code == 200
    page = page_text(response)
    assert "1 provision added, 1 removed, 2 edited" in page
    html = response.content.decode()
    assert re.search(r"Removed.*art_3__para_3.*Each Party may share its register", page, re.S)
    assert re.search(r"Added.*art_2__subpara_c", page, re.S)
    edit = re.search(r'id="edit-art_3__para_1".*?</section>', html, re.S)
    assert edit and '<ins><span class="visually-hidden">inserted: </span>public </ins>' in edit.group(0)


@pytest.mark.parametrize("query", [{"old": "x", "new": "2"}, {"old": "1"}, {"old": "0", "new": "1"}])
def test_a_bad_comparison_query_is_a_400_naming_the_field(sample_treaty, query):
    response = Client().get("/treaties/sample-convention/versions/compare/", query)
    assert response.status_code == 400 and 'role="alert"' in response.content.decode()


def test_a_missing_version_is_a_404(sample_treaty):
    assert Client().get("/treaties/sample-convention/versions/compare/", {"old": 1, "new": 9}).status_code == 404


@pytest.mark.parametrize(
    ("old", "new", "ops"),
    [
        ("a b c", "a b c", [("equal", "a b c", "a b c")]),
        (
            "keep a register",
            "keep a public register",
            [("equal", "keep a ", "keep a "), ("insert", "", "public "), ("equal", "register", "register")],
        ),
        (
            "shall organise",
            "shall organize",
            [("equal", "shall ", "shall "), ("delete", "organise", ""), ("insert", "", "organize")],
        ),
        ("", "new text", [("insert", "", "new text")]),
    ],
)
def test_word_ops_are_exact_and_give_both_texts_back(old, new, ops):
    result = word_ops(old, new)
    assert result == ops
    assert "".join(before for kind, before, _ in result if kind != "insert") == old
    assert "".join(after for kind, _, after in result if kind != "delete") == new
