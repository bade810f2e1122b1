"""Curators maintain norms, families, references and annotations in the admin."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.urls import reverse

from research.models import Annotation, Citation, Finding, LocalisationStage, Norm, NormFamily, Reference

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "model", [Annotation, Citation, Finding, LocalisationStage, Norm, NormFamily, Reference], ids=lambda m: m.__name__
)
def test_every_research_model_has_an_admin_changelist(client, research_data, model):
    assert admin.site.is_registered(model)
    client.force_login(User.objects.create_superuser("admin", "admin@example.org", "x"))
    url = reverse(f"admin:research_{model._meta.model_name}_changelist")
    assert client.get(url).status_code == 200


def test_an_annotations_history_page_opens(client, research_data):
    client.force_login(User.objects.create_superuser("admin", "admin@example.org", "x"))
    claim = Annotation.objects.first()
    assert client.get(reverse("admin:research_annotation_history", args=[claim.pk])).status_code == 200


def test_a_family_added_by_a_curator_shows_on_the_norms_page(client, research_data):
    family = NormFamily.objects.create(slug="council-of-europe", name="Council of Europe", position=9)
    Norm.objects.create(
        slug="victim-centred", name="Victim-centred approach", family=family, definition="Victims first."
    )
    html = client.get(reverse("research:norm_list")).content.decode()
    assert "Council of Europe" in html
    assert 'href="/norms/victim-centred/"' in html
