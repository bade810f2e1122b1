"""Imports and alignment runs from the browser are background jobs on a PostgreSQL queue; the
job's page shows queued, running, then the result or the error (issue 15, item 2)."""

from __future__ import annotations

import re
import uuid

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django_tasks_db.models import DBTaskResult

from accounts.roles import save_user_with_role
from comparisons.tasks import enqueue_alignment
from tests.jobs import run_queued_jobs
from tests.page_text import page_text
from treaties.models import ImportUpload, Treaty
from treaties.tasks import enqueue_import

from .test_import_web import ID, TEXT, TITLE

PASSWORD = "a-long-unusual-passphrase-42"


def client_with(role: str) -> Client:
    save_user_with_role(username=role, role=role, password=PASSWORD)
    client = Client()
    assert client.login(username=role, password=PASSWORD)
    return client


def queue_upload(client: Client, **fields: str) -> str:
    data = {"file": SimpleUploadedFile("regional.txt", TEXT.encode(), "text/plain"), "slug": ID, "title": TITLE}
    response = client.post("/import/", {**data, **fields})
    assert response.status_code == 302
    return str(response["Location"])


def test_production_queues_jobs_in_the_database_not_in_the_request():
    assert settings.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"
    assert "django_tasks_db" in settings.INSTALLED_APPS


@pytest.mark.django_db
def test_an_upload_is_queued_then_the_page_moves_from_queued_to_done_with_a_link_to_the_treaty():
    curator = client_with("curator")
    job_page = queue_upload(curator)

    assert not Treaty.objects.filter(slug=ID).exists()  # nothing done in the request
    queued = curator.get(job_page)
    assert queued.status_code == 200
    assert "Import regional.txt" in page_text(queued)
    assert re.search(r"Queued at \d\d:\d\d:\d\d: waiting for the worker \(\d+ s so far\)", page_text(queued))
    html = queued.content.decode()
    assert f'hx-get="{job_page}"' in html and 'hx-trigger="every 2s"' in html  # htmx polls the fragment
    assert '<noscript><meta http-equiv="refresh" content="2"></noscript>' in html  # and without JS, the page
    assert f'<a href="{job_page}">Refresh</a>' in html

    fragment = curator.get(job_page, headers={"HX-Request": "true"})
    assert fragment.content.decode().lstrip().startswith('<section id="job-status"')
    assert "<html" not in fragment.content.decode()

    assert run_queued_jobs() == 1
    assert not ImportUpload.objects.exists()  # the upload is gone once read

    done = curator.get(job_page, headers={"HX-Request": "true"})
    text = page_text(done)
    assert "Done" in text and "Created regional-convention" in text
    treaty = Treaty.objects.get(slug=ID)
    assert f'href="{treaty.get_absolute_url()}"' in done.content.decode()
    assert "hx-trigger" not in done.content.decode()  # finished: the polling stops
    assert "http-equiv" not in curator.get(job_page).content.decode()


@pytest.mark.django_db
def test_the_page_shows_a_running_job_as_running():
    curator = client_with("curator")
    job_page = queue_upload(curator)
    job = DBTaskResult.objects.get()
    job.claim("another-worker")

    running = curator.get(job_page, headers={"HX-Request": "true"})

    assert re.search(r"Running since \d\d:\d\d:\d\d \(\d+ s so far\)", page_text(running))
    assert 'hx-trigger="every 2s"' in running.content.decode()


@pytest.mark.django_db
def test_a_failing_job_shows_its_error():
    curator = client_with("curator")
    job_page = queue_upload(curator)
    ImportUpload.objects.all().delete()  # the job cannot find its upload: an unexpected failure

    run_queued_jobs()

    assert DBTaskResult.objects.get().status == "FAILED"
    page = curator.get(job_page)
    assert page.status_code == 200
    text = page_text(page)
    assert "Failed" in text and "DoesNotExist: ImportUpload matching query does not exist." in text
    assert "Traceback" not in text and 'role="alert"' in page.content.decode()


@pytest.mark.django_db
def test_a_refused_alignment_shows_the_service_error(corpus):
    job = enqueue_alignment(target="smuggling-protocol", sources=["nonexistent"])
    run_queued_jobs()
    page = page_text(client_with("curator").get(f"/jobs/{job.id}/"))
    assert "Align smuggling-protocol with nonexistent" in page and "Failed" in page and "nonexistent" in page


@pytest.mark.django_db
def test_only_curators_queue_jobs_and_follow_them(client):
    curator = client_with("curator")
    job_page = queue_upload(curator)

    assert client.get(job_page).status_code == 302  # anonymous: to the login page
    assert client_with("reader").get(job_page).status_code == 403
    researcher = client_with("researcher")
    assert researcher.get(job_page).status_code == 403
    upload = SimpleUploadedFile("regional.txt", TEXT.encode())
    assert researcher.post("/import/", {"file": upload, "slug": ID, "title": TITLE}).status_code == 403
    aligned = researcher.post("/comparisons/align/", {"target": "smuggling-protocol", "sources": ["tip-protocol"]})
    assert aligned.status_code == 403
    assert DBTaskResult.objects.count() == 1
    assert curator.get(f"/jobs/{uuid.uuid4()}/").status_code == 404


@pytest.mark.django_db(transaction=True)
def test_the_worker_command_runs_the_queue():
    """The real ``manage.py db_worker`` (as ``make run`` starts it), run once over the queue."""
    user = User.objects.create_superuser("admin", "admin@example.org", PASSWORD)
    job = enqueue_import(
        name="regional.txt",
        data=TEXT.encode(),
        user=user,
        fmt=None,
        slug=ID,
        title=TITLE,
        check_only=False,
        allow_removals=0,
    )

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    assert DBTaskResult.objects.get(id=job.id).status == "SUCCESSFUL"
    assert Treaty.objects.get(slug=ID).versions.get().created_by == user
    client = Client()
    client.force_login(user)
    assert re.search(r"Created\s+regional-convention", page_text(client.get(f"/jobs/{job.id}/")))


@pytest.mark.django_db
def test_a_job_whose_task_has_gone_is_a_404_not_a_500():
    gone = DBTaskResult.objects.create(
        id=uuid.uuid4(), args_kwargs={"args": [], "kwargs": {}}, task_path="treaties.tasks.renamed_since"
    )
    assert client_with("curator").get(f"/jobs/{gone.id}/").status_code == 404
