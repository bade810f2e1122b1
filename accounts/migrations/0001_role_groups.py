"""The role groups (researchers, curators) and the curators' permissions.

They were first created by ``comparisons`` migrations 0002 and 0005, from before roles had an app
of their own; those are now no-ops and this migration does the work (idempotently, so a database
that ran the old ones is left as it was).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from accounts.roles import CURATORS, RESEARCHERS, curator_permissions


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure the ones we grant exist now.
    for label in ("comparisons", "treaties"):
        config = apps.get_app_config(label)
        config.models_module = True
        create_permissions(config, apps=apps, verbosity=0)
        config.models_module = None
    group_model = apps.get_model("auth", "Group")
    for name in (RESEARCHERS, CURATORS):
        group_model.objects.get_or_create(name=name)
    curators = group_model.objects.get(name=CURATORS)
    curators.permissions.add(*curator_permissions(apps.get_model("auth", "Permission")))


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=(RESEARCHERS, CURATORS)).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("comparisons", "0006_machinelink_evidence"),
        ("treaties", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
