"""Exchange: REFI-QDA codebooks (.qdc) both ways, refused bad files, codings as CSV and JSON."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from lxml import etree

from research.coding_models import Codebook, Tag, UnitRef
from research.coding_services import add_coding, create_tag, update_tag
from research.qdc import schema

pytestmark = pytest.mark.django_db

# Written by hand from the REFI-QDA codebook standard, in the shape ATLAS.ti and MAXQDA write:
# a byte-order mark, xsi:schemaLocation, GUIDs in upper case and in braces, a three-digit colour,
# nested codes, a grouping (non-codable) code, a code group as a Set, accented characters.
OTHER_TOOL = """\ufeff<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
          xsi:schemaLocation="urn:QDA-XML:codebook:1.0 Codebook.xsd"
          origin="ATLAS.ti Win 23.4.0" xmlns="urn:QDA-XML:codebook:1.0">
  <Codes>
    <Code guid="1FF58B12-6F6F-4B0C-8BE5-BBDC91F55294" name="Normes régionales" isCodable="false" color="#46AA00">
      <Description>Catégorie : normes de l'ASEAN</Description>
      <Code guid="{2AA58B12-6F6F-4B0C-8BE5-BBDC91F55295}" name="Non-ingérence" isCodable="true" color="#f0a">
        <Description>Non-intervention in internal affairs</Description>
      </Code>
      <Code guid="3bb58b12-6f6f-4b0c-8be5-bbdc91f55296" name="Consensus" isCodable="true"/>
    </Code>
    <Code guid="4CC58B12-6F6F-4B0C-8BE5-BBDC91F55297" name="Victims" isCodable="true"/>
  </Codes>
  <Sets>
    <Set name="code group 1" guid="ECA18D76-2B8B-4F26-BC1D-19ECA19FB3F0">
      <Description>kategorie 1</Description>
      <MemberCode guid="4CC58B12-6F6F-4B0C-8BE5-BBDC91F55297" />
    </Set>
  </Sets>
</CodeBook>
"""


def tree(slug: str) -> list[tuple[str, str, bool, str, str, str]]:
    return sorted(
        (t.path, str(t.guid), t.codable, t.colour, t.description, t.status)
        for t in Tag.objects.filter(codebook__slug=slug, merged_into__isnull=True)
    )


@pytest.fixture
def codebook(curator, researcher):
    book = Codebook.objects.create(slug="themes", name="Themes")
    rights = create_tag(user=curator, codebook=book, name="Rights", colour="#1f77b4", description="Rights & duties")
    create_tag(user=curator, codebook=book, name="Victims", parent=rights, description="Protección <b>")
    create_tag(user=researcher, codebook=book, name="Proposed idea")
    old = create_tag(user=curator, codebook=book, name="Old")
    update_tag(user=curator, tag=old, status="retired")
    return book


def test_a_qdc_export_is_valid_and_re_imports_to_the_same_codebook(tmp_path, codebook):
    path = tmp_path / "themes.qdc"
    call_command("export_codebook", output=path, stderr=io.StringIO())
    document = etree.parse(str(path))
    assert schema().validate(document), schema().error_log
    before = tree("themes")
    assert {row[5] for row in before} == {"active", "proposed", "retired"}
    # importing into the codebook it came from changes nothing
    out = io.StringIO()
    call_command("import_codebook", str(path), codebook="themes", stdout=out)
    assert "0 tags created, 0 updated" in out.getvalue()
    # and into an empty database it rebuilds the same tree: names, GUIDs, colours, descriptions, statuses
    Tag.objects.filter(parent__isnull=False).delete()
    Tag.objects.all().delete()
    Codebook.objects.all().delete()
    call_command("import_codebook", str(path), codebook="themes", stdout=out)
    assert tree("themes") == before


def test_a_codebook_written_by_another_qda_tool_imports(tmp_path):
    path = tmp_path / "atlas-export.qdc"
    path.write_text(OTHER_TOOL, encoding="utf-8")
    out = io.StringIO()
    call_command("import_codebook", str(path), stdout=out)
    assert "4 tags created" in out.getvalue()
    book = Codebook.objects.get(slug="atlas-export")
    assert book.origin == "ATLAS.ti Win 23.4.0"
    rows = {t.path: t for t in Tag.objects.filter(codebook=book)}
    assert set(rows) == {
        "Normes régionales",
        "Normes régionales/Non-ingérence",
        "Normes régionales/Consensus",
        "Victims",
    }
    assert rows["Normes régionales"].codable is False
    assert rows["Normes régionales/Non-ingérence"].colour == "#ff00aa"
    assert str(rows["Normes régionales/Non-ingérence"].guid) == "2aa58b12-6f6f-4b0c-8be5-bbdc91f55295"
    assert rows["Normes régionales"].description == "Catégorie : normes de l'ASEAN"


@pytest.mark.parametrize(
    ("content", "line", "problem"),
    [
        (OTHER_TOOL[: OTHER_TOOL.index("<Sets>")], 15, "not well-formed XML"),  # truncated
        (OTHER_TOOL.replace(' isCodable="true"/>\n  </Codes>', "/>\n  </Codes>"), 13, "isCodable"),
        (OTHER_TOOL.replace('color="#46AA00"', 'color="green"'), 6, "color"),
        (
            OTHER_TOOL.replace("3bb58b12-6f6f-4b0c-8be5-bbdc91f55296", "1FF58B12-6F6F-4B0C-8BE5-BBDC91F55294"),
            11,
            "repeats",
        ),
        (OTHER_TOOL.replace("urn:QDA-XML:codebook:1.0", "urn:QDA-XML:project:1.0"), 4, "not CodeBook"),
    ],
)
def test_a_malformed_or_truncated_qdc_is_refused_with_line_and_problem_and_nothing_written(
    tmp_path, content, line, problem
):
    path = tmp_path / "bad.qdc"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError) as refused:
        call_command("import_codebook", str(path), stdout=io.StringIO())
    assert f"bad.qdc:{line}:" in str(refused.value) and problem in str(refused.value)
    assert not Codebook.objects.exists() and not Tag.objects.exists()


def test_a_file_failing_halfway_through_the_import_writes_nothing(tmp_path):
    clash = OTHER_TOOL.replace('name="Consensus"', 'name="Non-ingérence"')  # two siblings of one name
    path = tmp_path / "clash.qdc"
    path.write_text(clash, encoding="utf-8")
    with pytest.raises(CommandError, match="already exists under 'Normes régionales'"):
        call_command("import_codebook", str(path), stdout=io.StringIO())
    assert not Codebook.objects.exists() and not Tag.objects.exists()


def test_codings_export_as_csv_and_json_with_the_agreed_columns(client, sample_treaty, codebook, researcher):
    unit = UnitRef.provision("sample-convention", "art_3__para_1")
    add_coding(user=researcher, tag=Tag.objects.get(name="Victims"), unit=unit, memo="Registre, «victimes»")
    out = io.StringIO()
    call_command("export_codings", stdout=out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    columns = "coder tag_path codebook instrument eid citation comparison source_instrument source_eid memo"
    assert list(rows[0]) == [*columns.split(), "created", "updated", "orphaned"]
    row = rows[0]
    assert (row["coder"], row["tag_path"], row["instrument"], row["eid"]) == (
        "rita",
        "Rights/Victims",
        "sample-convention",
        "art_3__para_1",
    )
    assert row["citation"] == "sample-convention art. 3(1)" and row["memo"] == "Registre, «victimes»"
    assert row["created"].startswith("20") and row["orphaned"] == "False"
    client.force_login(researcher)
    data = json.loads(client.get(reverse("research:coding:mine"), {"format": "json"}).content)
    assert data[0]["tag_path"] == "Rights/Victims" and data[0]["memo"] == "Registre, «victimes»"
    response = client.get(reverse("research:coding:all"), {"format": "csv"})
    assert response["Content-Type"].startswith("text/csv") and "Rights/Victims" in response.content.decode()


def test_the_web_download_of_a_codebook_is_the_commands_output(client, tmp_path, codebook):
    path = tmp_path / "themes.qdc"
    call_command("export_codebook", output=Path(path), stderr=io.StringIO())
    response = client.get(reverse("research:coding:codebook_export", args=["themes"]))
    assert response.status_code == 200 and response.content == path.read_bytes()
