"""Coordinators manage webhooks and read their delivery log."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

COORDINATORS = "Koordinaattorit"
GRANTS = {
    "webhookendpoint": ("add", "change", "delete", "view"),
    "webhookdelivery": ("view",),
}


def grant(apps, schema_editor):
    # The permissions of models made in this migration run are created only after it: make them now.
    app_config = apps.get_app_config("home")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=COORDINATORS)
    for model, actions in GRANTS.items():
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="home", codename__in=[f"{action}_{model}" for action in actions]
            )
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name=COORDINATORS).first()
    if group is not None:
        group.permissions.remove(*group.permissions.filter(content_type__app_label="home", codename__contains="webhook"))


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0003_webhooks"),
        ("associations", "0002_initial_taxonomies_and_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
