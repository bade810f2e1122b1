"""Importing corpus markdown: counts, lossless text, idempotence, in-place updates, refusals."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from treaties.models import Provision, Treaty
from treaties.parsing.markdown import parse_markdown
from treaties.services import import_file

EXPECTED = {  # articles, paragraphs, subparagraphs, points (shared/corpus/SOURCES.md)
    "untoc": (41, 174, 110, 18),
    "tip-protocol": (20, 54, 23, 0),
    "smuggling-protocol": (25, 66, 36, 5),
    "coe-trafficking": (47, 114, 59, 0),
}
ENUMERATOR = re.compile(r"^(?:\d+\.|\([a-z]+\))(?:\s+|$)")


def db_counts(slug: str) -> tuple[int, int, int, int]:
    treaty = Treaty.objects.with_counts().get(slug=slug)
    return (treaty.article_count, treaty.paragraph_count, treaty.subparagraph_count, treaty.point_count)


def snapshot() -> list[tuple]:
    return list(Provision.objects.order_by("treaty__slug", "position").values_list("treaty__slug", "eid", "text"))


@pytest.mark.django_db
@pytest.mark.parametrize("slug", sorted(EXPECTED))
def test_it_imports_each_corpus_file_with_the_checked_counts(corpus_dir, slug):
    call_command("import_treaty", str(corpus_dir / f"{slug}.md"))
    assert db_counts(slug) == EXPECTED[slug]


@pytest.mark.django_db
@pytest.mark.parametrize("slug", sorted(EXPECTED))
def test_it_keeps_every_non_blank_line_in_exactly_one_provision(corpus_dir, slug):
    path = corpus_dir / f"{slug}.md"
    import_file(path=path)
    lines = path.read_text(encoding="utf-8").split("\n")
    body_start = lines.index("---", 1) + 1
    expected = [line.strip() for line in lines[body_start:] if line.strip() and not line.startswith("#")]
    stored: list[str] = []
    for provision in Provision.objects.filter(treaty__slug=slug).order_by("position"):
        stored.extend(provision.text.split("\n") if provision.text else [])
    # a bare enumerator line such as "(a)" carries a number and no text of its own
    assert stored == [text for line in expected if (text := ENUMERATOR.sub("", line, count=1))]
    headings = [line for line in lines[body_start:] if line.startswith("## Article")]
    titles = list(
        Provision.objects.filter(treaty__slug=slug, kind="article")
        .order_by("position")
        .values_list("heading", flat=True)
    )
    assert [h.partition(" — ")[2] for h in headings] == titles


@pytest.mark.django_db
def test_it_builds_the_tree_with_eids_parents_and_citations(sample_treaty):
    by_eid = {p.eid: p for p in sample_treaty.provisions.select_related("parent", "treaty")}
    assert by_eid["art_3__para_2__subpara_b__point_ii"].parent.eid == "art_3__para_2__subpara_b"
    assert by_eid["art_2__subpara_a"].parent.eid == "art_2"
    assert by_eid["art_3"].parent.eid == "chp_II"
    assert by_eid["preamble__para_1"].parent.eid == "preamble"
    # an unnumbered line after children continues the unit above it
    assert by_eid["art_3__para_2__subpara_b__point_ii"].text == "gadgets.\nSuch reports shall be public."
    assert by_eid["art_2"].text == "For the purposes of this Convention:"
    assert by_eid["art_3__para_2__subpara_b__point_ii"].citation == "Sample Convention art. 3(2)(b)(ii)"
    tree = sample_treaty.provision_tree()
    assert [node.provision.eid for node in tree] == ["preamble", "chp_I", "chp_II", "testimonium"]


@pytest.mark.django_db
def test_reimporting_an_unchanged_file_changes_nothing(sample_file, django_assert_max_num_queries):
    import_file(path=sample_file)
    before = list(Provision.objects.values_list("pk", "eid", "text", "position"))
    treaty_updated = Treaty.objects.get().updated_at
    with django_assert_max_num_queries(4):
        report = import_file(path=sample_file)
    assert report.unchanged
    assert list(Provision.objects.values_list("pk", "eid", "text", "position")) == before
    assert Treaty.objects.get().updated_at == treaty_updated


@pytest.mark.django_db
def test_a_changed_file_updates_provisions_in_place_and_reports_the_changes(sample_file):
    import_file(path=sample_file)
    kept_pk = Provision.objects.get(eid="art_3__para_1").pk
    text = sample_file.read_text()
    text = text.replace("3. Each Party may share its register.\n", "")
    text = text.replace("keep a register of widgets.", "keep a public register of widgets.")
    text = text.replace(
        '(b) "Gadget" shall mean another invented object.',
        '(b) "Gadget" shall mean another invented object;\n(c) "Gizmo" shall mean a third.',
    )
    sample_file.write_text(text)
    report = import_file(path=sample_file, allow_removals=1)  # the one removal, confirmed
    assert not report.created and not report.unchanged
    assert report.added == ["art_2__subpara_c"]
    assert report.removed == ["art_3__para_3"]
    assert report.edited == ["art_2__subpara_b", "art_3__para_1"]
    provision = Provision.objects.get(eid="art_3__para_1")
    assert provision.pk == kept_pk
    assert provision.text == "Each Party shall keep a public register of widgets."
    assert not Provision.objects.filter(eid="art_3__para_3").exists()
    positions = list(Provision.objects.order_by("position").values_list("eid", flat=True))
    assert positions.index("art_2__subpara_c") == positions.index("art_2__subpara_b") + 1


@pytest.mark.django_db
def test_the_import_command_prints_progress_and_a_summary(corpus_dir, capsys):
    call_command("load_corpus", "--dir", str(corpus_dir))
    out = capsys.readouterr().out
    assert "untoc: 200/344 provisions" in out
    assert "[4/4] untoc: created" in out and "41 article, 174 paragraph, 110 subparagraph, 18 point" in out
    call_command("load_corpus", "--dir", str(corpus_dir))
    assert "untoc: unchanged" in capsys.readouterr().out


# -- bad input: message names file, line and problem; non-zero exit; nothing written -----------

BAD_INPUTS = {
    "empty": (b"  \n\n", r"empty\.md: the file is empty"),
    "invalid-utf8": (
        b"---\nid: x\ntitle: X\n---\n## Article 1\nBad \xff byte\n",
        r"invalid-utf8\.md, line 6: invalid UTF-8",
    ),
    "no-front-matter": (b"## Article 1\nText.\n", r"no-front-matter\.md, line 1: missing front matter"),
    "unclosed-front-matter": (
        b"---\nid: x\ntitle: X\n## Article 1\n",
        r"unclosed-front-matter\.md, line 4: malformed front matter",
    ),
    "malformed-front-matter": (
        b"---\nid: x\ntitle X\n---\n## Article 1\nT.\n",
        r"line 3: malformed front matter line 'title X'",
    ),
    "no-title": (b"---\nid: x\n---\n## Article 1\nT.\n", r"no-title\.md, line 1: front matter lacks 'title'"),
    "bad-id": (b"---\nid: Not A Slug\ntitle: X\n---\n## Article 1\nT.\n", r"line 2: id 'Not A Slug' must be"),
    "bad-date": (
        b"---\nid: x\ntitle: X\nadopted: 2001-13-45\n---\n## Article 1\nT.\n",
        r"bad-date\.md: front matter 'adopted'",
    ),
    "duplicated-article": (
        b"---\nid: x\ntitle: X\n---\n## Article 1\nA.\n## Article 1\nB.\n",
        r"duplicated-article\.md, line 7: article 1 is duplicated",
    ),
    "skipped-article": (
        b"---\nid: x\ntitle: X\n---\n## Article 1\nA.\n## Article 3\nB.\n",
        r"skipped-article\.md, line 7: article 3 follows article 1: article numbers skipped",
    ),
    "paragraph-outside-article": (
        b"---\nid: x\ntitle: X\n---\n# Chapter I\n1. Floating paragraph.\n## Article 1\nA.\n",
        r"paragraph-outside-article\.md, line 6: text outside any article",
    ),
    "empty-article": (
        b"---\nid: x\ntitle: X\n---\n## Article 1\n## Article 2\nB.\n",
        r"empty-article\.md, line 5: article 1 is empty",
    ),
    "duplicate-paragraph": (
        b"---\nid: x\ntitle: X\n---\n## Article 1\n1. A.\n1. B.\n",
        r"duplicate-paragraph\.md, line 7: duplicate provision 'art_1__para_1'",
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_is_refused_with_file_line_and_problem_and_nothing_written(tmp_path, sample_treaty, name):
    data, message = BAD_INPUTS[name]
    path = tmp_path / f"{name}.md"
    path.write_bytes(data)
    before = snapshot()
    with pytest.raises(CommandError, match=message) as excinfo:
        call_command("import_treaty", str(path))
    assert str(path) in str(excinfo.value)
    assert "nothing was imported" in str(excinfo.value)
    assert snapshot() == before
    assert list(Treaty.objects.values_list("slug", flat=True)) == ["sample-convention"]


@pytest.mark.django_db
def test_an_id_that_clashes_with_another_instrument_is_refused(tmp_path, sample_treaty):
    path = tmp_path / "other.md"
    path.write_text("---\nid: sample-convention\ntitle: A Different Treaty\n---\n## Article 1\nText.\n")
    before = snapshot()
    with pytest.raises(CommandError, match=r"other\.md: id 'sample-convention' already belongs to another instrument"):
        call_command("import_treaty", str(path))
    assert snapshot() == before


@pytest.mark.django_db
def test_a_failure_late_in_a_file_leaves_no_partial_treaty(tmp_path, monkeypatch):
    """The transaction covers the whole instrument: a database error mid-way writes nothing."""
    path = tmp_path / "late.md"
    path.write_text("---\nid: late\ntitle: Late Failure\n---\n## Article 1\n1. A:\n(a) b;\n(i) c.\n")
    from django.db.models import QuerySet

    real_bulk_create = QuerySet.bulk_create
    calls = []

    def fail_on_the_third_level(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == 3:  # articles and paragraphs are written by now
            raise RuntimeError("disk full")
        return real_bulk_create(self, *args, **kwargs)

    monkeypatch.setattr(QuerySet, "bulk_create", fail_on_the_third_level)
    with pytest.raises(RuntimeError):
        import_file(path=path)
    assert not Treaty.objects.filter(slug="late").exists()
    assert not Provision.objects.exists()


def test_the_command_exits_non_zero_on_bad_input(tmp_path):
    import subprocess
    import sys

    path = tmp_path / "empty.md"
    path.write_text("")
    result = subprocess.run(
        [sys.executable, "manage.py", "import_treaty", str(path)],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert f"{path}: the file is empty" in result.stderr


def test_the_markdown_reader_needs_no_database(corpus_dir):
    parsed = parse_markdown((corpus_dir / "tip-protocol.md").read_text(), source="tip-protocol.md")
    assert parsed.counts()["article"] == 20
    assert parsed.provisions[0].eid == "preamble"
