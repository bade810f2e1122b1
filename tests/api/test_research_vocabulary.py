"""Norms, norm families, references and the literature's findings over HTTP: anyone reads, curators add."""

from __future__ import annotations

import pytest

from research.models import Annotation, Norm, NormFamily, Reference

from .conftest import assert_error

pytestmark = pytest.mark.django_db(transaction=True)


def test_anyone_reads_the_vocabulary_and_the_bibliography(research_data, anonymous):
    families = anonymous.get("/norm-families/").json()
    assert families["count"] == NormFamily.objects.count() == 5
    core = next(f for f in families["results"] if f["slug"] == "asean-way-core")
    assert core["asean_way"] is True and "sovereignty" in core["norms"]
    norms = anonymous.get("/norms/", params={"family": "asean-way-core"}).json()["results"]
    assert [n["slug"] for n in norms] == ["non-intervention", "sovereignty", "peaceful-settlement"]
    sovereignty = anonymous.get("/norms/sovereignty/").json()
    assert sovereignty["family"] == "asean-way-core" and sovereignty["definition"]
    assert sovereignty["html_url"] == "/norms/sovereignty/"
    assert all(c["reference"] and c["label"] for c in sovereignty["citations"])
    references = anonymous.get("/references/").json()
    assert references["count"] == Reference.objects.count() > 0
    acharya = anonymous.get("/references/acharya-2004/").json()
    assert acharya["year"] == 2004 and acharya["short"] == "Acharya 2004"
    assert_error(anonymous.get("/norms/no-such-norm/"), 404)
    assert_error(anonymous.get("/norms/", params={"family": "atlantis"}), 400, "family")


def test_a_curator_adds_a_family_a_norm_with_citations_and_a_reference(research_data, curator, anonymous):
    family = curator.post("/norm-families/", json={"name": "Regional identity", "asean_way": True})
    assert family.status_code == 201, family.text
    assert family.json()["slug"] == "regional-identity" and family.json()["norms"] == []
    reference = curator.post(
        "/references/", json={"slug": "doe-2020", "authors": "J. Doe", "year": 2020, "title": "Norms in practice"}
    )
    assert reference.status_code == 201, reference.text
    assert reference.json()["short"] == "Doe 2020"
    posted = {
        "name": "Consultation",
        "family": "regional-identity",
        "definition": "Members are consulted before anything is decided.",
        "citations": [{"reference": "doe-2020", "locator": "p. 3"}, {"reference": "acharya-2004"}],
    }
    norm = curator.post("/norms/", json=posted)
    assert norm.status_code == 201, norm.text
    body = norm.json()
    assert body["slug"] == "consultation" and body["family"] == "regional-identity"
    assert sorted((c["reference"], c["locator"]) for c in body["citations"]) == [
        ("acharya-2004", ""),
        ("doe-2020", "p. 3"),
    ]
    assert anonymous.get("/norm-families/regional-identity/").json()["norms"] == ["consultation"]


def test_only_curators_add_to_the_vocabulary(research_data, anonymous, researcher, reader):
    family = {"name": "Anything"}
    assert_error(anonymous.post("/norm-families/", json=family), 401)
    assert_error(researcher.post("/norm-families/", json=family), 403)
    assert_error(reader.post("/norms/", json={"name": "x", "family": "asean-way-core", "definition": "y"}), 403)
    reference = {"slug": "x-2000", "authors": "X", "year": 2000, "title": "X"}
    assert_error(researcher.post("/references/", json=reference), 403)
    assert not NormFamily.objects.filter(name="Anything").exists() and not Reference.objects.filter(slug="x-2000")


def test_bad_vocabulary_input_is_400_with_the_field_named(research_data, curator):
    assert_error(curator.post("/norm-families/", json={}), 400, "name")
    assert_error(curator.post("/norm-families/", json={"name": "Again", "slug": "asean-way-core"}), 400, "slug")
    assert_error(curator.post("/norm-families/", json={"name": "Bad slug", "slug": "Not A Slug"}), 400, "slug")
    unknown_family = {"name": "N", "family": "atlantis", "definition": "d"}
    assert_error(curator.post("/norms/", json=unknown_family), 400, "family")
    reserved = {"name": "New", "family": "asean-way-core", "definition": "d"}
    assert "reserved" in assert_error(curator.post("/norms/", json=reserved), 400, "slug")["errors"]["slug"][0]
    unknown_reference = {
        "name": "N",
        "family": "asean-way-core",
        "definition": "d",
        "citations": [{"reference": "nobody"}],
    }
    assert_error(curator.post("/norms/", json=unknown_reference), 400, "citations")
    assert_error(curator.post("/norms/", json={"name": "N", "family": "asean-way-core"}), 400, "definition")
    taken = {"slug": "acharya-2004", "authors": "A", "year": 2004, "title": "T"}
    assert_error(curator.post("/references/", json=taken), 400, "slug")
    assert_error(
        curator.post("/references/", json={"slug": "y", "authors": "Y", "year": 99, "title": "T"}), 400, "year"
    )
    assert_error(
        curator.post("/references/", json={"slug": "z", "title": "T", "url": "nope"}), 400, "authors", "year", "url"
    )
    assert Norm.objects.count() == 14


def test_findings_carry_their_claims_and_the_verdict_of_an_aligned_comparison(research_data, actip, anonymous):
    body = anonymous.get("/findings/", params={"limit": 100}).json()
    assert body["count"] == 10
    first = body["results"][0]
    assert first["number"] == 1 and first["target_instrument"] == "actip"
    claims = {c["source_ref"]: c for c in first["claims"]}
    assert claims["untoc/art_5__para_1"]["claimed_relation"] == "adopted"
    assert claims["untoc/art_5__para_1"]["source_eid"] == "art_5__para_1"
    assert set(first["norms"]) == {"comprehensive-security", "sovereignty"}
    assert {c["reference"] for c in first["citations"]} == {"pradityo-2021", "yusran-2018"}
    (evidence,) = first["comparisons"]
    assert evidence["comparison"] == "actip--untoc" and evidence["run"]
    verdicts = {c["source_ref"]: c["verdict"] for c in evidence["claims"]}
    assert verdicts["tip-protocol/art_5__para_2"] == "not in this comparison"  # not a source of actip--untoc
    judged = [c for c in evidence["claims"] if c["verdict"] in ("agrees", "disagrees")]
    assert judged and all(c["units"] for c in judged)
    claim = Annotation.objects.get(pk=claims["untoc/art_5__para_1"]["id"])
    assert claim.origin == "literature" and claim.finding.number == 1
    one = anonymous.get(f"/findings/{first['slug']}/").json()
    assert one == first
    assert_error(anonymous.get("/findings/no-such-finding/"), 404)


def test_findings_have_no_evidence_until_their_instrument_is_aligned(research_data, anonymous):
    body = anonymous.get("/findings/").json()
    assert body["count"] == 10 and all(f["comparisons"] == [] for f in body["results"])


def test_research_reads_send_an_etag_that_changes_when_the_vocabulary_does(research_data, anonymous, curator):
    first = anonymous.get("/norms/")
    etag = first.headers["ETag"]
    assert anonymous.get("/norms/", headers={"If-None-Match": etag}).status_code == 304
    posted = {"name": "Consultation", "family": "asean-way-core", "definition": "Members are consulted first."}
    assert curator.post("/norms/", json=posted).status_code == 201
    changed = anonymous.get("/norms/", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag
