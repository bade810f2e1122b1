"""Create the role groups: researchers (tag and annotate, later) and curators (curate links).

Curators get the permissions on curated decisions, so templates can ask
``perms.comparisons.add_curateddecision`` (true for superusers too).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = ("researchers", "curators")
CURATOR_PERMISSIONS = ("add_curateddecision", "view_curateddecision")


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure ours exist now.
    config = apps.get_app_config("comparisons")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    for name in GROUPS:
        group_model.objects.get_or_create(name=name)
    curators = group_model.objects.get(name="curators")
    curators.permissions.add(
        *permission_model.objects.filter(content_type__app_label="comparisons", codename__in=CURATOR_PERMISSIONS)
    )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("comparisons", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
