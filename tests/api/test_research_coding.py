"""Tagging over HTTP: codebooks and tags (curators manage them, researchers propose), codings (researchers
write their own), agreement and settled disagreements, and the downloads."""

from __future__ import annotations

import csv
import io

import pytest

from comparisons.selectors import effective_rows
from research.coding_models import Coding, SettledCoding, Tag
from research.qdc import parse

from .conftest import assert_error

pytestmark = pytest.mark.django_db(transaction=True)
PARA = {"instrument": "untoc", "eid": "art_5__para_1"}
OTHER = {"instrument": "untoc", "eid": "art_6__para_1"}


@pytest.fixture
def themes(corpus, curator):
    """A codebook ``themes``: Rights (Victims under it) and Sovereignty; tag ids by name."""
    assert curator.post("/codebooks/", json={"slug": "themes", "name": "Themes"}).status_code == 201
    rights = curator.post("/tags/", json={"codebook": "themes", "name": "Rights", "colour": "#1f77b4"}).json()
    victims = curator.post("/tags/", json={"codebook": "themes", "name": "Victims", "parent": rights["id"]}).json()
    sovereignty = curator.post("/tags/", json={"codebook": "themes", "name": "Sovereignty"}).json()
    return {"Rights": rights["id"], "Victims": victims["id"], "Sovereignty": sovereignty["id"]}


def code(api, tag: int, unit: dict, memo: str = ""):
    return api.post("/codings/", json={"tag": tag, "memo": memo, **unit})


def test_curators_build_a_codebook_researchers_propose_tags_and_anyone_reads_the_tree(
    themes, curator, researcher, anonymous
):
    victims = anonymous.get(f"/tags/{themes['Victims']}/").json()
    assert victims["path"] == "Rights/Victims" and victims["status"] == "active" and victims["codings"] == 0
    assert victims["parent"] == themes["Rights"] and victims["proposed_by"] == "carla"
    proposed = researcher.post("/tags/", json={"codebook": "themes", "name": "Borders", "description": " Checks "})
    assert proposed.status_code == 201, proposed.text
    assert proposed.json()["status"] == "proposed" and proposed.json()["description"] == "Checks"
    tree = anonymous.get("/codebooks/themes/tree/").json()
    assert tree["codebook"] == "themes"
    assert [(t["name"], [c["name"] for c in t["children"]]) for t in tree["tags"]] == [
        ("Borders", []),
        ("Rights", ["Victims"]),
        ("Sovereignty", []),
    ]
    listed = anonymous.get("/tags/", params={"codebook": "themes", "status": "proposed"}).json()["results"]
    assert [t["name"] for t in listed] == ["Borders"]
    assert anonymous.get("/codebooks/").json()["results"][0]["slug"] == "themes"


def test_only_curators_manage_the_codebook(themes, researcher, reader, anonymous, curator):
    assert_error(researcher.post("/codebooks/", json={"slug": "mine"}), 403)
    assert_error(anonymous.post("/codebooks/", json={"slug": "mine"}), 401)
    assert_error(reader.post("/tags/", json={"codebook": "themes", "name": "X"}), 403)
    url = f"/tags/{themes['Sovereignty']}/"
    assert_error(researcher.patch(url, json={"name": "State"}), 403)
    assert_error(researcher.post(url + "move/", json={"parent": themes["Rights"]}), 403)
    assert_error(researcher.post(url + "merge/", json={"into": themes["Rights"]}), 403)
    assert_error(anonymous.patch(url, json={"name": "State"}), 401)
    assert Tag.objects.get(pk=themes["Sovereignty"]).name == "Sovereignty"
    assert_error(curator.post("/codebooks/", json={"slug": "themes"}), 400, "slug")


def test_curators_rename_move_merge_and_retire_tags_without_losing_codings(themes, curator, researcher):
    assert code(researcher, themes["Sovereignty"], PARA, "state first").status_code == 201
    assert code(researcher, themes["Victims"], PARA, "victims too").status_code == 201
    renamed = curator.patch(f"/tags/{themes['Sovereignty']}/", json={"name": "State", "colour": "#ff0000"})
    assert renamed.status_code == 200 and renamed.json()["name"] == "State" and renamed.json()["codings"] == 1
    moved = curator.post(f"/tags/{themes['Sovereignty']}/move/", json={"parent": themes["Rights"]})
    assert moved.json()["path"] == "Rights/State"
    assert curator.post(f"/tags/{themes['Sovereignty']}/move/", json={"parent": None}).json()["path"] == "State"
    merged = curator.post(f"/tags/{themes['Victims']}/merge/", json={"into": themes["Sovereignty"]})
    assert merged.status_code == 200, merged.text
    assert merged.json()["status"] == "retired" and merged.json()["merged_into"] == themes["Sovereignty"]
    (coding,) = Coding.objects.all()  # the same coder on the same unit: one coding, both memos
    assert coding.tag_id == themes["Sovereignty"] and coding.memo == "state first\n\nvictims too"
    retired = curator.patch(f"/tags/{themes['Rights']}/", json={"status": "retired"})
    assert retired.json()["status"] == "retired"
    refused = code(researcher, themes["Rights"], OTHER)
    assert "retired" in assert_error(refused, 400, "tag")["errors"]["tag"][0]
    assert_error(
        curator.post(f"/tags/{themes['Sovereignty']}/merge/", json={"into": themes["Sovereignty"]}), 400, "into"
    )
    assert_error(curator.post(f"/tags/{themes['Rights']}/move/", json={"parent": 999999}), 400, "parent")
    assert_error(curator.patch(f"/tags/{themes['Rights']}/", json={"colour": "red", "status": "lost"}), 400, "status")
    assert_error(curator.patch(f"/tags/{themes['Rights']}/", json={"colour": "red"}), 400, "colour")
    assert_error(curator.patch(f"/tags/{themes['Sovereignty']}/", json={"name": "Rights"}), 400, "name")


def test_researchers_code_provisions_and_links_and_only_edit_their_own(
    themes, aligned, researcher, other_researcher, curator, anonymous
):
    link = next(r for r in effective_rows(aligned) if r.is_link)
    link_unit = {
        "comparison": "smuggling-protocol--tip-protocol",
        "target": link.target_eid,
        "source": f"tip-protocol/{link.source_eid}",
    }
    mine = code(researcher, themes["Victims"], PARA, "obligation to criminalise")
    assert mine.status_code == 201, mine.text
    body = mine.json()
    assert body["coder"] == "rita" and body["tag_path"] == "Rights/Victims" and body["codebook"] == "themes"
    assert body["unit"]["kind"] == "provision" and body["unit"]["key"] == "untoc/art_5__para_1" and body["quote"]
    on_link = code(other_researcher, themes["Sovereignty"], link_unit).json()
    assert on_link["unit"]["kind"] == "link" and on_link["unit"]["source_eid"] == link.source_eid
    assert on_link["unit"]["instrument"] == "smuggling-protocol"

    def ids(**params):
        response = anonymous.get("/codings/", params=params)
        assert response.status_code == 200, response.text
        return sorted(c["id"] for c in response.json()["results"])

    assert ids() == sorted([body["id"], on_link["id"]])
    assert ids(coder="rita") == [body["id"]] and ids(tag=themes["Sovereignty"]) == [on_link["id"]]
    assert ids(codebook="themes", instrument="untoc") == [body["id"]]
    assert ids(eid="art_5__para_1") == [body["id"]] and ids(eid=link.source_eid) == [on_link["id"]]
    url = f"/codings/{body['id']}/"
    assert_error(other_researcher.patch(url, json={"memo": "mine now"}), 403)
    assert_error(curator.delete(url), 403)  # curators settle; they do not change a coder's coding
    assert_error(anonymous.delete(url), 401)
    edited = researcher.patch(url, json={"memo": "  reread  "})
    assert edited.status_code == 200 and edited.json()["memo"] == "reread"
    assert researcher.delete(url).status_code == 204
    assert_error(anonymous.get(url), 404)
    assert list(Coding.objects.values_list("pk", flat=True)) == [on_link["id"]]


def test_bad_codings_are_400_with_the_field_named(themes, researcher, reader, anonymous):
    assert_error(code(researcher, 999999, PARA), 400, "tag")
    assert_error(researcher.post("/codings/", json={"tag": themes["Victims"], "instrument": "untoc"}), 400, "eid")
    assert_error(code(researcher, themes["Victims"], {"instrument": "untoc", "eid": "art_999"}), 400, "eid")
    link = {"comparison": "nothing--here", "target": "art_1", "source": "untoc/art_1"}
    assert_error(code(researcher, themes["Victims"], link), 400, "comparison")
    assert_error(code(researcher, themes["Victims"], {"comparison": "a--b"}), 400, "target", "source")
    assert_error(code(reader, themes["Victims"], PARA), 403)
    assert_error(code(anonymous, themes["Victims"], PARA), 401)
    assert_error(anonymous.get("/codings/", params={"coder": "nobody", "eid": "art 5"}), 400, "coder", "eid")
    assert not Coding.objects.exists()


def test_agreement_reports_kappa_alpha_and_the_disagreements_a_curator_settles(
    themes, researcher, other_researcher, curator, anonymous
):
    units = [PARA, OTHER, {"instrument": "untoc", "eid": "art_7__para_1"}]
    for unit in units:
        code(researcher, themes["Victims"], unit)
    for unit in units[:2]:
        code(other_researcher, themes["Victims"], unit)
    code(other_researcher, themes["Sovereignty"], units[2])
    result = anonymous.get("/agreement/", params={"codebook": "themes"})
    assert result.status_code == 200, result.text
    body = result.json()
    assert body["coders"] == ["omar", "rita"] and body["units"] == 3 and body["tag"] is None
    assert 0 <= body["observed"] < 1 and body["alpha"] is not None and body["kappa"] is not None
    assert body["kappas"][0]["coders"] == ["omar", "rita"]
    disagreements = {(d["tag_path"], d["unit"]["key"]) for d in body["disagreements"]}
    assert disagreements == {("Rights/Victims", "untoc/art_7__para_1"), ("Sovereignty", "untoc/art_7__para_1")}
    one_tag = anonymous.get("/agreement/", params={"codebook": "themes", "tag": themes["Victims"]}).json()
    assert one_tag["tag"] == themes["Victims"] and len(one_tag["disagreements"]) == 1
    settle = {"tag": themes["Victims"], **units[2], "applies": True, "note": "it does"}
    assert_error(researcher.post("/settlements/", json=settle), 403)
    settled = curator.post("/settlements/", json=settle)
    assert settled.status_code == 201, settled.text
    assert settled.json()["curator"] == "carla" and settled.json()["unit"]["key"] == "untoc/art_7__para_1"
    again = anonymous.get("/agreement/", params={"codebook": "themes", "tag": themes["Victims"]}).json()
    assert again["disagreements"][0]["settled"]["applies"] is True
    assert (
        anonymous.get("/settlements/", params={"codebook": "themes"}).json()["count"]
        == SettledCoding.objects.count()
        == 1
    )
    assert_error(anonymous.get("/agreement/", params={"codebook": "themes", "coders": ["rita"]}), 400, "coders")
    assert_error(
        anonymous.get("/agreement/", params={"codebook": "nothing", "coders": ["nobody"]}), 400, "codebook", "coders.0"
    )
    assert_error(curator.post("/settlements/", json={**settle, "applies": "perhaps"}), 400, "applies")


def test_codings_download_as_csv_and_json_and_the_codebook_as_qdc(themes, researcher, anonymous):
    code(researcher, themes["Victims"], PARA, "memo, with a comma")
    as_csv = anonymous.get("/codings/export/")
    assert as_csv.headers["Content-Type"].startswith("text/csv")
    assert as_csv.headers["Content-Disposition"] == 'attachment; filename="codings.csv"'
    (row,) = list(csv.DictReader(io.StringIO(as_csv.text)))
    assert row["tag_path"] == "Rights/Victims" and row["memo"] == "memo, with a comma" and row["coder"] == "rita"
    as_json = anonymous.get("/codings/export/", params={"format": "json", "coder": "rita"})
    assert as_json.headers["Content-Disposition"] == 'attachment; filename="codings.json"'
    assert as_json.json()[0]["eid"] == "art_5__para_1"
    qdc = anonymous.get("/codebooks/themes/export/")
    assert qdc.headers["Content-Type"].startswith("application/xml")
    assert qdc.headers["Content-Disposition"] == 'attachment; filename="themes.qdc"'
    codes, origin = parse(qdc.content)
    assert origin == "normdiff" and [c.name for c in codes] == ["Rights", "Sovereignty"]
    assert [c.name for c in codes[0].children] == ["Victims"]
    assert_error(anonymous.get("/codings/export/", params={"format": "csv", "tag": 999999}), 400, "tag")
    assert_error(anonymous.get("/codebooks/nothing/export/"), 404)
    assert_error(anonymous.get("/codebooks/themes/export/", params={"format": "json"}), 404)  # .qdc only
    assert_error(anonymous.get("/annotations/export/", params={"format": "pdf"}), 404)
