"""Tagging: who may code and manage what, codings surviving re-imports, agreement from the database, pages."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.urls import reverse

from research import coding_selectors as selectors
from research.coding_models import Codebook, Coding, SettledCoding, Tag, UnitRef
from research.coding_services import (
    CodingError,
    CodingPermissionError,
    add_coding,
    create_tag,
    edit_coding,
    merge_tag,
    move_tag,
    settle,
    update_tag,
)

pytestmark = pytest.mark.django_db

PARA = UnitRef.provision("sample-convention", "art_3__para_1")
POINT = UnitRef.provision("sample-convention", "art_3__para_2__subpara_b__point_i")
ADD_URL = reverse("research:coding:add")


@pytest.fixture
def codebook(curator):
    book = Codebook.objects.create(slug="themes", name="Themes")
    rights = create_tag(user=curator, codebook=book, name="Rights", colour="#1f77b4")
    create_tag(user=curator, codebook=book, name="Victims", parent=rights, description="Protection of victims")
    create_tag(user=curator, codebook=book, name="Sovereignty")
    return book


def tag(name: str) -> Tag:
    return Tag.objects.get(name=name)


def section_link(html: str) -> str:
    """The URL a page's tagging section loads itself from (and links to without JavaScript)."""
    found = re.search(r'<section class="coding-section" hx-get="([^"]+)"', html)
    assert found, "no tagging section on the page"
    return unescape(found[1])


def form(unit: UnitRef, **fields):  # type: ignore[no-untyped-def]
    base = {"instrument": unit.instrument, "eid": unit.eid}
    if unit.comparison:
        base = {"comparison": unit.comparison, "target": unit.eid, "source": f"{unit.source_treaty}/{unit.source_eid}"}
    return base | fields


# --- coding and ownership -------------------------------------------------------------------


def test_a_researcher_tags_a_paragraph_and_a_point_with_a_memo(sample_treaty, codebook, researcher):
    coding = add_coding(user=researcher, tag=tag("Victims"), unit=PARA, memo="Register duty protects victims.")
    add_coding(user=researcher, tag=tag("Sovereignty"), unit=POINT)
    assert coding.unit == "sample-convention/art_3__para_1" and coding.kind == "provision"
    assert coding.quote == "Each Party shall keep a register of widgets."  # the text when coded
    mine = selectors.codings(coder=researcher)
    assert [(c.eid, c.tag_path) for c in mine] == [
        ("art_3__para_1", "Rights/Victims"),
        ("art_3__para_2__subpara_b__point_i", "Sovereignty"),
    ]


def test_coding_the_same_unit_again_keeps_one_coding_and_both_memos(sample_treaty, codebook, researcher):
    add_coding(user=researcher, tag=tag("Victims"), unit=PARA, memo="first reading")
    add_coding(user=researcher, tag=tag("Victims"), unit=PARA, memo="second reading")
    (coding,) = Coding.objects.all()
    assert coding.memo == "first reading\n\nsecond reading"


def test_unknown_provisions_grouping_and_retired_tags_are_refused(sample_treaty, codebook, researcher, curator):
    with pytest.raises(CodingError, match="no provision sample-convention/art_99"):
        add_coding(user=researcher, tag=tag("Victims"), unit=UnitRef.provision("sample-convention", "art_99"))
    update_tag(user=curator, tag=tag("Sovereignty"), status="retired")
    with pytest.raises(CodingError, match="retired"):
        add_coding(user=researcher, tag=tag("Sovereignty"), unit=PARA)
    assert not Coding.objects.exists()


def test_anonymous_readers_see_codings_but_cannot_code(client, sample_treaty, codebook, researcher):
    add_coding(user=researcher, tag=tag("Victims"), unit=PARA, memo="Visible to all.")
    page = client.get(reverse("treaties:provision_detail", args=["sample-convention", "art_3__para_1"]))
    section_url = section_link(page.content.decode())
    html = client.get(section_url, HTTP_HX_REQUEST="true").content.decode()  # the section loads itself
    assert html.lstrip().startswith('<section class="coding-section"')
    assert "Rights/Victims" in html and "Visible to all." in html and "by rita" in html
    assert "Log in to tag" in html and 'name="memo"' not in html
    response = client.post(ADD_URL, form(PARA, tag=tag("Sovereignty").pk))
    assert response.status_code == 403
    assert Coding.objects.count() == 1


def test_a_reader_account_cannot_code_either(client, sample_treaty, codebook, reader):
    client.force_login(reader)
    assert client.post(ADD_URL, form(PARA, tag=tag("Victims").pk)).status_code == 403
    with pytest.raises(CodingPermissionError):
        add_coding(user=reader, tag=tag("Victims"), unit=PARA)


def test_a_plain_form_codes_and_returns_to_the_page(client, sample_treaty, codebook, researcher):
    client.force_login(researcher)
    page = reverse("treaties:provision_detail", args=["sample-convention", "art_3__para_1"])
    response = client.post(ADD_URL, form(PARA, tag=tag("Victims").pk, memo="plain", next=page))
    assert response.status_code == 302 and response["Location"] == page
    assert Coding.objects.get().memo == "plain"


def test_htmx_codes_in_place_and_gets_the_units_panel_back(client, sample_treaty, codebook, researcher):
    client.force_login(researcher)
    response = client.post(ADD_URL, form(PARA, tag=tag("Victims").pk), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div class="coding-unit"') and "Tagged Victims." in html
    bad = client.post(ADD_URL, form(PARA, tag=""), HTTP_HX_REQUEST="true")
    assert bad.status_code == 400 and "Choose a tag." in bad.content.decode()


def test_researchers_edit_and_remove_only_their_own_codings(
    client, sample_treaty, codebook, researcher, other_researcher, curator
):
    coding = add_coding(user=researcher, tag=tag("Victims"), unit=PARA, memo="mine")
    with pytest.raises(CodingPermissionError):
        edit_coding(user=other_researcher, coding=coding, memo="overwritten")
    with pytest.raises(CodingPermissionError):
        edit_coding(user=curator, coding=coding, memo="a curator settles, never edits")
    client.force_login(other_researcher)
    edit_url = reverse("research:coding:edit", args=[coding.pk])
    assert client.post(edit_url, {"memo": "x"}).status_code == 403
    assert client.post(edit_url, {"action": "remove"}).status_code == 403
    coding.refresh_from_db()
    assert coding.memo == "mine"
    client.force_login(researcher)
    client.post(edit_url, {"memo": "mine, revised"})
    coding.refresh_from_db()
    assert coding.memo == "mine, revised"
    client.post(edit_url, {"action": "remove"})
    assert not Coding.objects.exists()


# --- the codebook ---------------------------------------------------------------------------


def test_researchers_propose_tags_and_only_curators_manage_the_codebook(client, codebook, researcher, curator):
    proposed = create_tag(user=researcher, codebook=codebook, name="Non-intervention")
    assert proposed.status == "proposed" and proposed.usable  # codable before a curator accepts it
    for change in (
        lambda: update_tag(user=researcher, tag=proposed, name="Renamed"),
        lambda: move_tag(user=researcher, tag=proposed, parent=tag("Rights")),
        lambda: merge_tag(user=researcher, tag=proposed, into=tag("Sovereignty")),
        lambda: update_tag(user=researcher, tag=proposed, status="active"),
    ):
        with pytest.raises(CodingPermissionError):
            change()
    client.force_login(researcher)
    write = reverse("research:coding:codebook_write")
    assert client.post(write, {"action": "rename", "tag": proposed.pk, "name": "X"}).status_code == 403
    client.force_login(curator)
    assert client.post(write, {"action": "status", "tag": proposed.pk, "status": "active"}).status_code == 302
    proposed.refresh_from_db()
    assert proposed.status == "active"


def test_rename_move_merge_and_retire_never_lose_a_coding(
    sample_treaty, codebook, researcher, other_researcher, curator
):
    victims, sovereignty = tag("Victims"), tag("Sovereignty")
    add_coding(user=researcher, tag=victims, unit=PARA, memo="as victims")
    add_coding(user=researcher, tag=sovereignty, unit=PARA, memo="as sovereignty")
    add_coding(user=other_researcher, tag=sovereignty, unit=POINT)
    update_tag(user=curator, tag=victims, name="Victim protection")
    move_tag(user=curator, tag=sovereignty, parent=tag("Rights"))
    with pytest.raises(CodingError, match="under itself"):
        move_tag(user=curator, tag=tag("Rights"), parent=tag("Victim protection"))
    merge_tag(user=curator, tag=sovereignty, into=victims)
    sovereignty.refresh_from_db()
    assert sovereignty.status == "retired" and sovereignty.merged_into == victims
    codings = {(c.coder.username, c.eid): c for c in Coding.objects.all()}
    assert set(codings) == {("rita", "art_3__para_1"), ("omar", "art_3__para_2__subpara_b__point_i")}
    # rita had both tags on the paragraph: one coding, both memos
    assert codings[("rita", "art_3__para_1")].memo == "as victims\n\nas sovereignty"
    assert all(c.tag == victims for c in codings.values())
    assert [c.tag_path for c in selectors.codings()] == ["Rights/Victim protection"] * 2
    update_tag(user=curator, tag=victims, status="retired")
    assert Coding.objects.count() == 2


# --- agreement and settling -----------------------------------------------------------------


def test_agreement_from_codings_and_a_curator_settles_a_disagreement(
    client, sample_treaty, codebook, researcher, other_researcher, curator
):
    victims, sovereignty = tag("Victims"), tag("Sovereignty")
    add_coding(user=researcher, tag=victims, unit=PARA)
    add_coding(user=other_researcher, tag=victims, unit=PARA)
    add_coding(user=researcher, tag=sovereignty, unit=POINT)
    add_coding(user=other_researcher, tag=victims, unit=POINT)
    result = selectors.agreement(codebook=codebook, coders=["rita", "omar"])
    # items: (2 units) × (3 codable tags); the disagreements: Sovereignty and Victims on the point
    assert result.units == 2 and result.result.pairable == 6
    assert {(d.tag_path, d.unit.eid) for d in result.disagreements} == {
        ("Sovereignty", POINT.eid),
        ("Rights/Victims", POINT.eid),
    }
    assert result.result.observed == pytest.approx(4 / 6)
    assert result.result.kappa is not None and result.result.alpha is not None
    page = client.get(reverse("research:coding:agreement"), {"codebook": "themes", "coders": ["rita", "omar"]})
    html = page.content.decode()
    assert "Cohen’s κ" in html and "Krippendorff’s α" in html and "Disagreements (2)" in html
    assert "Settle: applies" not in html  # readers see, only curators settle
    settle_url = reverse("research:coding:settle")
    client.force_login(researcher)
    assert client.post(settle_url, form(POINT, tag=sovereignty.pk, applies="yes")).status_code == 403
    with pytest.raises(CodingPermissionError):
        settle(user=researcher, tag=sovereignty, unit=POINT, applies=True)
    client.force_login(curator)
    response = client.post(settle_url, form(POINT, tag=sovereignty.pk, applies="yes", note="Sovereignty it is."))
    assert response.status_code == 302
    settled = SettledCoding.objects.get()
    assert (settled.unit, settled.applies, settled.curator) == (POINT.key, True, curator)
    assert Coding.objects.count() == 4  # the coders' own codings are untouched
    html = client.get(reverse("research:coding:agreement"), {"coders": ["rita", "omar"]}).content.decode()
    assert "Settled: applies (cora): Sovereignty it is." in html


# --- orphans --------------------------------------------------------------------------------


def test_a_coding_whose_provision_disappears_is_kept_and_listed_as_orphaned(
    client, import_sample, codebook, researcher
):
    import_sample()
    from treaties.models import Provision

    eid = Provision.objects.filter(treaty__slug="actip", eid__startswith="art_3").exclude(kind="article").first().eid
    kept = UnitRef.provision("actip", eid)
    other = UnitRef.provision("actip", "art_1")
    add_coding(user=researcher, tag=tag("Victims"), unit=kept, memo="about invented matters")
    add_coding(user=researcher, tag=tag("Victims"), unit=other)
    assert selectors.orphaned_codings() == []
    import_sample(drop_article="3", allow_removals=3)  # a new version without article 3 (and its 2 paragraphs)
    assert Coding.objects.count() == 2
    assert [c.eid for c in selectors.orphaned_codings()] == [eid]
    html = client.get(reverse("research:coding:orphaned")).content.decode()
    assert "orphaned" in html and "about invented matters" in html
    import_sample()  # the article comes back: the coding is attached again
    assert selectors.orphaned_codings() == []


# --- links and the side-by-side page --------------------------------------------------------


def test_a_link_is_coded_from_the_side_by_side_row_and_shown_as_a_chip(client, aligned, codebook, researcher):
    row = next(r for r in aligned.latest_run().overlay().rows if r.is_link)
    link = UnitRef("actip", row.target_eid, aligned.slug, row.source_treaty, row.source_eid)
    page = reverse("comparisons:comparison_detail", args=[aligned.slug])
    assert 'class="row-action"' not in client.get(page).content.decode()  # readers get no "Tag" action
    client.force_login(researcher)
    html = client.get(page).content.decode()
    row_url = reverse("research:coding:row")
    assert f'href="{row_url}?comparison=' in html
    slot = client.get(
        row_url,
        {"comparison": aligned.slug, "target": row.target_eid, "source": link.source_treaty + "/" + link.source_eid},
        HTTP_HX_REQUEST="true",
    )
    assert slot.status_code == 200 and slot.content.decode().count('class="coding-unit"') == 3  # link, target, source
    client.post(ADD_URL, form(link, tag=tag("Sovereignty").pk, memo="a link memo"))
    coding = Coding.objects.get()
    assert (coding.kind, coding.comparison, coding.unit) == ("link", aligned, link.key)
    html = client.get(page).content.decode()
    assert "#Sovereignty" in html
    kept = client.get(page, {"tagged": tag("Sovereignty").pk}).content.decode()
    assert "Showing 1 of" in kept
    pair = reverse("comparisons:pair_detail", args=[aligned.slug])
    html = client.get(
        pair, {"target": row.target_eid, "source": f"{row.source_treaty}/{row.source_eid}"}
    ).content.decode()
    section = client.get(section_link(html), HTTP_HX_REQUEST="true").content.decode()
    assert "a link memo" in section and "<h2>" not in section  # under the pair panel's own h2


def test_per_tag_page_counts_per_instrument_and_per_provision_page(client, aligned, codebook, researcher):
    sample_para = UnitRef.provision("actip", "art_1")
    untoc = UnitRef.provision("untoc", "art_5")
    add_coding(user=researcher, tag=tag("Victims"), unit=sample_para)
    add_coding(user=researcher, tag=tag("Victims"), unit=untoc)
    use = selectors.tag_use(tag("Rights"))  # the parent's page includes its sub-tags
    assert use.per_instrument == [("actip", 1), ("untoc", 1)]
    html = client.get(reverse("research:coding:tag_detail", args=[tag("Rights").pk])).content.decode()
    assert "actip" in html and "untoc" in html
    html = client.get(reverse("research:coding:provision", args=["untoc", "art_5"])).content.decode()
    assert "Rights/Victims" in html
