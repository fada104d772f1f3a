"""Coordinators translate pages and snippets with wagtail-localize ("Käännä" / "Översätt").

wagtail-localize gives its permission only to Wagtail's default groups ("Editors", "Moderators"), so the
coordinators saw no Translate action at all. Association editors do not get it: wagtail-localize checks
only this permission, not the page, so it would let them translate any association.
"""

from django.db import migrations

COORDINATORS = "Koordinaattorit"


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    group, _created = Group.objects.get_or_create(name=COORDINATORS)
    content_type, _ = ContentType.objects.get_or_create(app_label="wagtail_localize", model="translation")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="submit_translation",
        defaults={"name": "Can submit translations"},
    )
    group.permissions.add(permission)


def revoke(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name=COORDINATORS).first()
    if group is not None:
        group.permissions.remove(
            *group.permissions.filter(
                content_type__app_label="wagtail_localize", codename="submit_translation"
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0005_coordinators_edit_site_settings"),
        ("wagtail_localize", "0006_create_submit_translation_permission"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
