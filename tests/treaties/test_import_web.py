"""Curators import an official text from the browser: check first, then import; errors name the line.

The upload is queued as a background job; the tests run the queue (as the worker would) and
read the job's page.
"""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from accounts.roles import save_user_with_role
from tests.jobs import run_queued_jobs
from tests.page_text import page_text
from treaties.models import Treaty

pytestmark = pytest.mark.django_db
URL = "/import/"
PASSWORD = "a-long-unusual-passphrase-42"
ID, TITLE = "regional-convention", "Regional Convention on Invented Matters"
TEXT = (
    "REGIONAL CONVENTION ON INVENTED MATTERS\n\nThe Parties,\n\nHAVE AGREED AS FOLLOWS:\n\n"
    "ARTICLE 1\nOBJECTIVES\n\n1. The objectives of this Convention are:\na) to test the reader; and\n"
    "b) to test it again.\n\n2. Nothing here is real.\n\n"
    "ARTICLE 2\nSCOPE\n\nThis Convention applies to invented matters.\n"
)


def client_with(role: str) -> Client:
    save_user_with_role(username=role, role=role, password=PASSWORD)
    client = Client()
    assert client.login(username=role, password=PASSWORD)
    return client


def upload(client: Client, text: str = TEXT, **fields: str):
    """Post the upload, run the queued job, and return the job's page."""
    data = {"file": SimpleUploadedFile("regional.txt", text.encode(), "text/plain"), "slug": ID, "title": TITLE}
    queued = client.post(URL, {**data, **fields})
    assert queued.status_code == 302 and queued["Location"].startswith("/jobs/"), queued
    assert "Queued" in page_text(client.get(queued["Location"]))
    assert run_queued_jobs() == 1
    return client.get(queued["Location"])


def test_only_curators_may_import():
    assert Client().get(URL).status_code == 302  # to the login page
    assert client_with("reader").get(URL).status_code == 403
    assert client_with("researcher").post(URL).status_code == 403
    curator = client_with("curator")
    page = curator.get("/").content.decode()
    assert f'href="{URL}"' in page  # the curator's menu offers it


def test_a_check_reports_the_tree_and_writes_nothing():
    response = upload(client_with("curator"), check_only="on")
    assert response.status_code == 200
    text = page_text(response)
    assert "Check passed: nothing was written" in text
    assert "Importing this file would create regional-convention" in text
    assert "articles 2" in text and "subparagraphs 2" in text
    assert not Treaty.objects.filter(slug=ID).exists()


def test_an_import_creates_the_treaty_and_a_second_one_changes_nothing():
    curator = client_with("curator")
    response = upload(curator)
    assert response.status_code == 200
    assert "Created regional-convention" in page_text(response)
    treaty = Treaty.objects.get(slug=ID)
    assert f'<a href="{treaty.get_absolute_url()}">Read {treaty.label}</a>' in response.content.decode()
    assert treaty.title == TITLE and treaty.source_format == "text"
    assert list(treaty.provisions.filter(kind="subparagraph").values_list("eid", flat=True)) == [
        "art_1__para_1__subpara_a",
        "art_1__para_1__subpara_b",
    ]
    assert f'href="{treaty.get_absolute_url()}"' in response.content.decode()
    # The next step, aligning it with the global instruments, is one click away.
    align = f"/comparisons/align/?target={ID}&amp;sources=tip-protocol&amp;sources=untoc"
    assert f'href="{align}"' in response.content.decode()
    again = upload(curator)
    assert "Already imported: nothing changed" in page_text(again)

    edited = upload(curator, TEXT.replace("Nothing here is real.", "Nothing here is real at all."), check_only="on")
    assert "would update regional-convention: 0 provisions added, 0 removed, 1 edited" in page_text(edited)
    assert treaty.provisions.get(eid="art_1__para_2").text == "Nothing here is real."  # a check writes nothing


def test_a_broken_text_is_refused_with_its_line_and_nothing_is_written():
    refused = upload(client_with("curator"), TEXT.replace("ARTICLE 2", "ARTICLE 3"))
    text = page_text(refused)
    assert "Failed" in text
    assert re.search(r"regional\.txt, line \d+: .*article 3.*— nothing was imported", text, re.I), text[:800]
    assert not Treaty.objects.filter(slug=ID).exists()


def test_missing_id_and_title_are_named():
    curator = client_with("curator")
    refused = curator.post(
        URL, {"file": SimpleUploadedFile("regional.txt", TEXT.encode(), "text/plain"), "check_only": "on"}
    )
    run_queued_jobs()
    assert "give the instrument's --id and --title" in page_text(curator.get(refused["Location"]))
