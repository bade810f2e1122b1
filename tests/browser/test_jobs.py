"""In the browser: an upload is queued, the job's page polls until the real worker has run it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection
from playwright.sync_api import expect

from accounts.roles import save_user_with_role
from tests.treaties.test_import_web import ID, TEXT, TITLE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-unusual-passphrase-42"


def run_worker_once() -> None:
    """``manage.py db_worker`` in its own process, on the test database, until the queue is empty."""
    db = connection.settings_dict
    password = f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else ""
    url = f"postgres://{quote(db['USER'])}{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    env = {**os.environ, "DATABASE_URL": url}
    command = [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay", "--no-reload"]
    subprocess.run(command, cwd=settings.BASE_DIR, env=env, check=True, timeout=120, capture_output=True)


def test_an_import_page_follows_its_job_from_queued_to_done(page, live_server):
    save_user_with_role(username="cora", role="curator", password=PASSWORD)
    page.goto(f"{live_server.url}/accounts/login/?next=/import/")
    page.get_by_label("Username").fill("cora")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    page.get_by_label("Official text").set_input_files(
        {"name": "regional.txt", "mimeType": "text/plain", "buffer": TEXT.encode()}
    )
    page.get_by_label("Instrument id (--id)").fill(ID)
    page.get_by_label("Title (--title)").fill(TITLE)
    page.get_by_label(re.compile("Check only")).uncheck()
    page.get_by_role("button", name="Upload").click()

    status = page.locator("#job-status")
    expect(status).to_contain_text("Queued")
    job_url = page.url
    run_worker_once()

    # No reload: htmx swaps the polled fragment in place.
    expect(status).to_contain_text("Created regional-convention", timeout=10_000)
    assert page.url == job_url
    page.get_by_role("link", name=re.compile("^Read ")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
