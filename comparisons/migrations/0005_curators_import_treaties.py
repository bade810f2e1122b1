"""Curators may import treaties from the web (the import page asks ``treaties.add_treaty``)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PERMISSIONS = ("add_treaty", "change_treaty", "view_treaty")


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure the treaty ones exist now.
    config = apps.get_app_config("treaties")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    group = apps.get_model("auth", "Group").objects.get(name="curators")
    permission_model = apps.get_model("auth", "Permission")
    group.permissions.add(
        *permission_model.objects.filter(content_type__app_label="treaties", codename__in=PERMISSIONS)
    )


def revoke(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name="curators").first()
    if group is not None:
        permission_model = apps.get_model("auth", "Permission")
        group.permissions.remove(
            *permission_model.objects.filter(content_type__app_label="treaties", codename__in=PERMISSIONS)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("comparisons", "0004_unit_embeddings"),
        ("treaties", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
