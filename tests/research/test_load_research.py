"""`load_research`: idempotent, keyed by slugs, all or nothing with errors naming file and field."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from research.models import Annotation, Citation, Finding, LocalisationStage, Norm, NormFamily, Reference

pytestmark = pytest.mark.django_db
FIXTURES = Path(settings.BASE_DIR) / "fixtures"
MODELS = (Reference, Citation, NormFamily, Norm, LocalisationStage, Finding, Annotation, Annotation.history.model)


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def load(*args: str) -> str:
    out = StringIO()
    call_command("load_research", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def fixture_copy(tmp_path: Path) -> Path:
    for name in ("references.json", "norms.json", "literature_claims.json"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    return tmp_path


def edit(directory: Path, name: str, change) -> None:  # type: ignore[no-untyped-def]
    data = json.loads((directory / name).read_text(encoding="utf-8"))
    change(data)
    (directory / name).write_text(json.dumps(data), encoding="utf-8")


def test_it_loads_the_vocabulary_the_references_and_the_ten_findings():
    output = load()
    assert "10 findings" in output
    assert set(Finding.objects.values_list("number", flat=True)) == set(range(1, 11))
    assert set(LocalisationStage.objects.values_list("slug", flat=True)) == {"framing", "grafting", "pruning"}
    expected = {
        "non-intervention", "sovereignty", "peaceful-settlement", "informality", "consensus", "non-binding-decisions",
        "pragmatism", "flexibility", "personal-ties", "lean-institutions", "non-confrontation",
        "comprehensive-security", "human-security-asean", "domestic-law-primacy",
    }  # fmt: skip
    assert set(Norm.objects.values_list("slug", flat=True)) == expected
    assert set(Norm.objects.asean_way().values_list("slug", flat=True)) >= {"non-intervention", "consensus"}
    paper = Reference.objects.get(slug="pradityo-2021")
    assert paper.doi == "10.25077/ajis.10.1.151-170.2021"
    assert paper.short == "Pradityo et al. 2021"
    assert {"acharya-2004", "ruland-2018", "yusran-2018", "qiao-oishi-2019", "finnemore-sikkink-1998"} <= set(
        Reference.objects.values_list("slug", flat=True)
    )
    assert all(norm.citations.exists() for norm in Norm.objects.all())


def test_loading_twice_changes_nothing():
    load()
    first = counts()
    load()
    assert counts() == first  # history included: an unchanged claim gets no new history entry


def test_it_updates_in_place_by_slug(fixture_copy):
    load("--dir", str(fixture_copy))
    claim = Annotation.objects.get(finding__number=2)

    def change(data):  # type: ignore[no-untyped-def]
        data["findings"][1]["title"] = "Foreign bribery left out"
        data["findings"][1]["rationale"] = "Changed."

    edit(fixture_copy, "literature_claims.json", change)
    load("--dir", str(fixture_copy))
    claim.refresh_from_db()  # same row, new content
    assert claim.rationale == "Changed."
    assert Finding.objects.get(number=2).title == "Foreign bribery left out"
    assert claim.history.count() == 4  # created, norms set, citations set, then this change


def test_every_literature_claim_names_a_provision_of_the_corpus(corpus):
    from treaties.models import Provision

    load()
    for claim in Annotation.objects.literature():
        assert Provision.objects.filter(treaty__slug=claim.source_treaty, eid=claim.source_eid).exists(), claim


def test_every_pruning_claim_links_an_asean_way_norm():
    load()
    pruning = Annotation.objects.literature().filter(
        claimed_relation="pruned"
    ) | Annotation.objects.literature().filter(stage="pruning")
    assert pruning.count() >= 5
    for claim in pruning.distinct():
        assert claim.norms.filter(family__asean_way=True).exists(), f"{claim.finding}: {claim.source_ref}"
    assert {c.source_ref for c in Annotation.objects.filter(claimed_relation="pruned")} >= {
        "untoc/art_8__para_2",
        "untoc/art_9",
        "untoc/art_11",
    }


def test_the_fixtures_are_our_words_not_treaty_text(corpus_dir):
    corpus = " ".join(p.read_text(encoding="utf-8") for p in corpus_dir.glob("*.md"))
    corpus_sentences = {s.strip() for s in re.split(r"[.;:]", corpus) if len(s.split()) >= 8}
    for name in ("norms.json", "literature_claims.json"):
        text = (FIXTURES / name).read_text(encoding="utf-8")
        copied = [s for s in corpus_sentences if s in text]
        assert not copied, f"{name} copies treaty text: {copied[:2]}"


@pytest.mark.parametrize(
    ("name", "change", "where"),
    [
        ("literature_claims.json", lambda d: d["findings"][3].update(norms=["no-such-norm"]), "findings[3].norms[0]"),
        (
            "literature_claims.json",
            lambda d: d["findings"][0]["claims"][1].update(relation="copied"),
            "findings[0].claims[1].relation",
        ),
        (
            "literature_claims.json",
            lambda d: d["findings"][2]["claims"][0].update(source="art_9"),
            "findings[2].claims[0].source",
        ),
        ("literature_claims.json", lambda d: d["findings"][4].update(number=1), "findings[4].number"),
        ("norms.json", lambda d: d["families"][1]["norms"][0].pop("definition"), "families[1].norms[0].definition"),
        ("norms.json", lambda d: d["stages"].pop(), "stages"),
        (
            "norms.json",
            lambda d: d["families"][0]["norms"][0]["citations"][0].update(reference="nobody-1999"),
            "families[0].norms[0].citations[0].reference",
        ),
        ("references.json", lambda d: d["references"][0].update(year="2021"), "references[0].year"),
    ],
)
def test_bad_data_is_refused_naming_file_and_field_and_nothing_is_written(fixture_copy, name, change, where):
    edit(fixture_copy, name, change)
    with pytest.raises(CommandError) as caught:
        load("--dir", str(fixture_copy))
    assert name in str(caught.value)
    assert where in str(caught.value)
    assert all(n == 0 for n in counts().values())


def test_a_failure_after_some_rows_were_written_rolls_everything_back(fixture_copy, monkeypatch):
    load("--dir", str(fixture_copy))
    before = counts()
    edit(fixture_copy, "references.json", lambda d: d["references"][0].update(title="Changed title"))
    edit(fixture_copy, "literature_claims.json", lambda d: d["findings"][9].update(rationale="Changed."))
    import research.loading

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise research.loading.FixtureError("literature_claims.json", "findings[9]", "simulated failure")

    monkeypatch.setattr(research.loading, "_citations", broken)
    with pytest.raises(research.loading.FixtureError):
        research.loading.load_research(directory=fixture_copy)
    assert counts() == before
    assert Reference.objects.get(slug="pradityo-2021").title != "Changed title"


def test_invalid_json_names_the_line(fixture_copy):
    (fixture_copy / "norms.json").write_text('{"stages": [\n  {"slug": }\n]}', encoding="utf-8")
    with pytest.raises(CommandError, match=r"norms\.json: line 2: not valid JSON"):
        load("--dir", str(fixture_copy))


def test_the_command_exits_non_zero_on_bad_data(fixture_copy, settings):
    edit(fixture_copy, "references.json", lambda d: d["references"][1].pop("title"))
    result = subprocess.run(
        [sys.executable, "manage.py", "load_research", "--dir", str(fixture_copy)],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
        env={**__import__("os").environ, "DATABASE_URL": _test_database_url()},
    )
    assert result.returncode != 0
    assert "references.json: references[1].title: is required" in result.stderr


def _test_database_url() -> str:
    from django.db import connection

    params = connection.settings_dict
    return f"postgres://{params['USER']}@{params['HOST']}:{params['PORT']}/{params['NAME']}"
