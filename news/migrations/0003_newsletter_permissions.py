"""Coordinators edit and send newsletter issues and manage subscribers; association editors get nothing."""

from django.db import migrations

COORDINATORS = "Koordinaattorit"
MODELS = ("newsletterissue", "subscriber")


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    group, _created = Group.objects.get_or_create(name=COORDINATORS)
    for model in MODELS:
        content_type, _ = ContentType.objects.get_or_create(app_label="news", model=model)
        for action in ("add", "change", "delete", "view"):
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type, codename=f"{action}_{model}", defaults={"name": f"Can {action} {model}"}
            )
            group.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name=COORDINATORS).first()
    if group is not None:
        group.permissions.remove(
            *group.permissions.filter(content_type__app_label="news", content_type__model__in=MODELS)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0002_newsletterissue_subscriber_newsletterdelivery"),
        ("associations", "0002_initial_taxonomies_and_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
