"""Two researchers (or one in two tabs) coding the same unit at the same time, on two real connections."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, transaction

from research.coding_models import Codebook, Coding, Tag, UnitRef
from research.coding_services import add_coding

pytestmark = pytest.mark.django_db(transaction=True)

UNIT = UnitRef.provision("sample-convention", "art_3__para_1")


@pytest.fixture
def victims(curator) -> Tag:
    book = Codebook.objects.create(slug="themes", name="Themes")
    return Tag.objects.create(codebook=book, name="Victims")


def in_thread(work, errors: list[BaseException]) -> threading.Thread:  # type: ignore[no-untyped-def]
    def run() -> None:
        try:
            work()
        except BaseException as exc:  # reported by the test
            errors.append(exc)
        finally:
            connection.close()  # each thread had its own connection

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def test_a_second_coding_waits_for_the_first_and_loses_no_memo(sample_treaty, victims, researcher):
    """The first transaction inserts and stays open; the second, on its own connection, codes the same
    (coder, tag, unit) meanwhile: it waits on the unique index, then adds its memo to the committed row."""
    inserted, errors = threading.Event(), []

    def first() -> None:
        with transaction.atomic():
            add_coding(user=researcher, tag=victims, unit=UNIT, memo="memo from the first tab")
            inserted.set()
            second_started.wait(5)
            threading.Event().wait(0.5)  # keep the transaction open while the second one runs into it

    def second() -> None:
        inserted.wait(5)
        second_started.set()
        add_coding(user=researcher, tag=victims, unit=UNIT, memo="memo from the second tab")

    second_started = threading.Event()
    threads = [in_thread(first, errors), in_thread(second, errors)]
    for thread in threads:
        thread.join(20)
    assert errors == []
    (coding,) = Coding.objects.all()
    assert coding.memo == "memo from the first tab\n\nmemo from the second tab"


def test_two_researchers_code_the_same_unit_at_once_and_both_codings_are_kept(
    sample_treaty, victims, researcher, other_researcher
):
    barrier, errors = threading.Barrier(2), []

    def code(user, memo):  # type: ignore[no-untyped-def]
        def work() -> None:
            with transaction.atomic():
                barrier.wait(5)
                add_coding(user=user, tag=victims, unit=UNIT, memo=memo)
                threading.Event().wait(0.2)

        return work

    threads = [in_thread(code(researcher, "rita's memo"), errors), in_thread(code(other_researcher, "omar's"), errors)]
    for thread in threads:
        thread.join(20)
    assert errors == []
    assert sorted((c.coder.username, c.memo) for c in Coding.objects.select_related("coder")) == [
        ("omar", "omar's"),
        ("rita", "rita's memo"),
    ]
