"""Every model has a working admin changelist."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import User
from django.urls import reverse

PROJECT_APPS = ("treaties", "comparisons")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "model", [m for app in PROJECT_APPS for m in apps.get_app_config(app).get_models()], ids=lambda m: m.__name__
)
def test_every_model_has_an_admin_changelist(client, model):
    assert admin.site.is_registered(model)
    client.force_login(User.objects.create_superuser("admin", "admin@example.org", "x"))
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    assert client.get(url).status_code == 200
