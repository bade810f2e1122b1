"""Formerly created the role groups; that is now ``accounts`` migration 0001 (kept so history stays linear)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("comparisons", "0001_initial"),
    ]

    operations: list[migrations.operations.base.Operation] = []
