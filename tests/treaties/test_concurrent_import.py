"""Two first imports of the same id at once: the second waits for the first, then finds it done."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from django.db import connection, connections

from treaties.models import Treaty
from treaties.services import ImportReport, import_file


def long_treaty(path: Path) -> Path:
    body = "".join(f"## Article {n}\nThe Parties shall keep invented register number {n}.\n" for n in range(1, 301))
    path.write_text(f"---\nid: twice\ntitle: Invented Convention Imported Twice\n---\n{body}", encoding="utf-8")
    return path


def waiting_locks() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_locks WHERE NOT granted")
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_a_second_first_import_of_the_same_id_waits_and_finds_it_imported(tmp_path):
    path = long_treaty(tmp_path / "twice.md")
    paused, resume = threading.Event(), threading.Event()
    outcomes: dict[str, ImportReport | BaseException] = {}

    def first_progress(message: str) -> None:
        if not paused.is_set():  # hold the first import open, its treaty row inserted, not committed
            paused.set()
            assert resume.wait(timeout=60)

    def run(name: str, progress) -> None:
        try:
            outcomes[name] = import_file(path=path, progress=progress)
        except BaseException as exc:
            outcomes[name] = exc
        finally:
            connections.close_all()

    first = threading.Thread(target=run, args=("first", first_progress))
    first.start()
    assert paused.wait(timeout=60)
    second = threading.Thread(target=run, args=("second", None))
    second.start()
    deadline = time.monotonic() + 30
    while waiting_locks() == 0 and second.is_alive() and time.monotonic() < deadline:
        time.sleep(0.05)
    resume.set()
    first.join(timeout=60)
    second.join(timeout=60)

    report = outcomes["first"]
    assert isinstance(report, ImportReport) and report.created, report
    again = outcomes["second"]
    assert isinstance(again, ImportReport), f"the second import failed: {again!r}"
    assert not again.created and again.unchanged
    assert Treaty.objects.filter(slug="twice").count() == 1
    assert Treaty.objects.get(slug="twice").provisions.filter(kind="article").count() == 300
