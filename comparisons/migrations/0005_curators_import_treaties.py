"""Formerly granted curators the treaty import permissions; that is now ``accounts`` migration 0001."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("comparisons", "0004_unit_embeddings"),
        ("treaties", "0001_initial"),
    ]

    operations: list[migrations.operations.base.Operation] = []
