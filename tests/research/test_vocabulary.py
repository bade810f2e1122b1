"""Curators grow the vocabulary from the UI: a family, its norms; researchers then annotate with them."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from research.annotation_forms import norm_choices
from research.models import Norm, NormFamily
from research.services import AnnotationError, AnnotationPermissionError, create_norm, create_norm_family

FAMILY_URL = reverse("research:family_new")
NORM_URL = reverse("research:norm_new")
HRBA = "A human-rights-based approach: measures against trafficking are judged by the rights of the people they touch."
VCA = "A victim-centred approach: protection and assistance do not depend on whether victims help prosecutors."


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_curator_adds_the_council_of_europe_family_and_its_norms(research_data, curator):
    client = client_for(curator)
    assert client.get(FAMILY_URL).status_code == 200
    response = client.post(FAMILY_URL, {"name": "Council of Europe", "description": "Norms of the CoE convention."})
    assert response.status_code == 302
    family = NormFamily.objects.get(slug="council-of-europe")  # the slug comes from the name
    assert response["Location"] == f"{NORM_URL}?family=council-of-europe"
    assert family.position > max(f.position for f in NormFamily.objects.exclude(pk=family.pk))  # listed last
    assert 'value="council-of-europe" selected' in client.get(response["Location"]).content.decode()

    response = client.post(
        NORM_URL,
        {
            "family": "council-of-europe",
            "name": "Human-rights-based approach",
            "definition": HRBA,
            "citation_1": "acharya-2004",
            "locator_1": "p. 245",
        },
    )
    assert response.status_code == 302 and response["Location"].endswith("/norms/#norm-human-rights-based-approach")
    form = {"family": "council-of-europe", "name": "Victim-centred approach", "slug": "victim-centred"}
    response = client.post(NORM_URL, {**form, "definition": VCA}, follow=True)
    assert "Norm “Victim-centred approach” added." in response.content.decode()

    hrba = Norm.objects.get(slug="human-rights-based-approach")
    assert hrba.family == family and hrba.definition == HRBA
    assert [str(c) for c in hrba.citations.all()] == [f"{hrba.citations.get().reference.short}, p. 245"]
    assert list(family.norms.values_list("slug", flat=True)) == ["human-rights-based-approach", "victim-centred"]

    page = client.get(reverse("research:norm_list")).content.decode()
    assert 'id="family-council-of-europe"' in page
    assert '<a href="/norms/human-rights-based-approach/">Human-rights-based approach</a>' in page
    assert '<a href="/norms/victim-centred/">Victim-centred approach</a>' in page
    assert ("Council of Europe", [("human-rights-based-approach", "Human-rights-based approach"),
                                  ("victim-centred", "Victim-centred approach")]) in norm_choices()  # fmt: skip
    assert client.get(reverse("research:norm_detail", args=["victim-centred"])).status_code == 200


def test_curators_see_the_add_links_and_others_do_not(client, research_data, researcher, curator):
    norms = reverse("research:norm_list")
    assert f'href="{FAMILY_URL}"' in client_for(curator).get(norms).content.decode()
    for viewer in (client, client_for(researcher)):
        page = viewer.get(norms).content.decode()
        assert f'href="{FAMILY_URL}"' not in page and f'href="{NORM_URL}"' not in page


@pytest.mark.parametrize("url", [FAMILY_URL, NORM_URL])
def test_anonymous_visitors_are_sent_to_log_in_and_researchers_refused(client, research_data, researcher, url):
    families, norms = NormFamily.objects.count(), Norm.objects.count()
    data = {"name": "Council of Europe", "family": "asean-way-core", "definition": "x"}
    for method in (client.get, client.post):
        response = method(url, data)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    as_researcher = client_for(researcher)
    assert as_researcher.get(url).status_code == 403
    assert as_researcher.post(url, data).status_code == 403
    assert (NormFamily.objects.count(), Norm.objects.count()) == (families, norms)


def test_a_duplicate_slug_is_a_400_naming_the_field_and_writes_nothing(research_data, curator):
    client = client_for(curator)
    norms = Norm.objects.count()
    response = client.post(NORM_URL, {"family": "asean-way-core", "name": "Sovereignty", "definition": "Again."})
    assert response.status_code == 400
    assert response.context["form"].errors == {"slug": ["a norm 'sovereignty' already exists"]}
    assert "Slug: a norm" in response.content.decode()
    assert Norm.objects.count() == norms

    response = client.post(FAMILY_URL, {"name": "ASEAN Way core", "slug": "asean-way-core"})
    assert response.status_code == 400
    assert response.context["form"].errors == {"slug": ["a family 'asean-way-core' already exists"]}


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"family": "asean-way-core", "name": "Quiet diplomacy", "definition": ""}, "definition"),
        ({"family": "asean-way-core", "name": "Quiet diplomacy", "definition": "  "}, "definition"),
        ({"family": "", "name": "Quiet diplomacy", "definition": "Talks out of sight."}, "family"),
        ({"family": "no-such-family", "name": "Quiet diplomacy", "definition": "Talks out of sight."}, "family"),
        ({"family": "asean-way-core", "name": "Summary", "definition": "Shadows a page."}, "slug"),
        ({"family": "asean-way-core", "name": "Q", "slug": "Not A Slug", "definition": "Talks."}, "slug"),
        ({"family": "asean-way-core", "name": "!!!", "definition": "Talks out of sight."}, "slug"),
        ({"family": "asean-way-core", "name": "Q", "definition": "D.", "locator_1": "p. 3"}, "citation_1"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(research_data, curator, data, field):
    norms = Norm.objects.count()
    response = client_for(curator).post(NORM_URL, data)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert 'role="alert"' in response.content.decode()
    assert Norm.objects.count() == norms


def test_the_services_refuse_researchers_and_name_the_field(research_data, researcher, curator):
    with pytest.raises(AnnotationPermissionError):
        create_norm_family(user=researcher, name="Council of Europe")
    with pytest.raises(AnnotationPermissionError):
        create_norm(user=researcher, name="Victim-centred approach", family="asean-way-core", definition=VCA)
    with pytest.raises(AnnotationError) as error:
        create_norm(user=curator, name="Quiet diplomacy", family="asean-way-core", definition="D.",
                    citations=[("no-such-work", "p. 1")])  # fmt: skip
    assert error.value.field == "citations"
    assert not Norm.objects.filter(slug="quiet-diplomacy").exists()  # nothing half-written
    with pytest.raises(AnnotationError) as error:
        create_norm_family(user=curator, name="   ")
    assert error.value.field == "name"
