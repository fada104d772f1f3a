"""Coordinators maintain the site settings (organisation, contacts, links, accessibility statement)."""

from django.db import migrations

COORDINATORS = "Koordinaattorit"


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    group, _created = Group.objects.get_or_create(name=COORDINATORS)
    content_type, _ = ContentType.objects.get_or_create(app_label="home", model="sitesettings")
    for action in ("change", "view"):
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"{action}_sitesettings",
            defaults={"name": f"Can {action} site settings"},
        )
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name=COORDINATORS).first()
    if group is not None:
        group.permissions.remove(
            *group.permissions.filter(content_type__app_label="home", content_type__model="sitesettings")
        )


class Migration(migrations.Migration):
    dependencies = [("home", "0004_webhook_permissions")]

    operations = [migrations.RunPython(grant, revoke)]
