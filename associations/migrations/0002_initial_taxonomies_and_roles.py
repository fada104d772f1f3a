"""Initial data: the 19 municipalities of Pohjois-Savo, categories and target groups in Finnish and
Swedish, the editor groups and the moderation workflow for association editors."""

import uuid

from django.db import migrations

MUNICIPALITIES = [
    ("140", "Iisalmi", "Idensalmi"),
    ("171", "Joroinen", "Jorois"),
    ("204", "Kaavi", "Kaavi"),
    ("239", "Keitele", "Keitele"),
    ("263", "Kiuruvesi", "Kiuruvesi"),
    ("297", "Kuopio", "Kuopio"),
    ("402", "Lapinlahti", "Lapinlahti"),
    ("420", "Leppävirta", "Leppävirta"),
    ("595", "Pielavesi", "Pielavesi"),
    ("686", "Rautalampi", "Rautalampi"),
    ("687", "Rautavaara", "Rautavaara"),
    ("749", "Siilinjärvi", "Siilinjärvi"),
    ("762", "Sonkajärvi", "Sonkajärvi"),
    ("778", "Suonenjoki", "Suonenjoki"),
    ("844", "Tervo", "Tervo"),
    ("857", "Tuusniemi", "Tuusniemi"),
    ("915", "Varkaus", "Varkaus"),
    ("921", "Vesanto", "Vesanto"),
    ("925", "Vieremä", "Vieremä"),
]

CATEGORIES = [
    ("sosiaali-ja-terveys", "Sosiaali- ja terveysala", "Social- och hälsovård"),
    ("liikunta", "Liikunta ja urheilu", "Motion och idrott"),
    ("kylatoiminta", "Kylätoiminta", "Byaverksamhet"),
    ("kulttuuri", "Kulttuuri", "Kultur"),
    ("nuorisotyo", "Nuorisotyö", "Ungdomsarbete"),
    ("elakelaiset", "Eläkeläiset", "Pensionärer"),
    ("vammaisjarjestot", "Vammaisjärjestöt", "Handikapporganisationer"),
    ("mielenterveys-ja-paihteet", "Mielenterveys ja päihteet", "Psykisk hälsa och missbruk"),
    ("potilasjarjestot", "Potilasjärjestöt", "Patientorganisationer"),
    ("ymparisto", "Ympäristö ja luonto", "Miljö och natur"),
    ("sivistys", "Sivistys ja koulutus", "Bildning och utbildning"),
    ("monikulttuurisuus", "Monikulttuurisuus", "Mångkulturalitet"),
    ("veteraanit", "Veteraanit", "Veteraner"),
    ("harrastukset", "Harrastukset", "Hobbyer"),
    ("muut", "Muut", "Övriga"),
]

TARGET_GROUPS = [
    ("lapset", "Lapset", "Barn"),
    ("nuoret", "Nuoret", "Unga"),
    ("lapsiperheet", "Lapsiperheet", "Barnfamiljer"),
    ("tyoikaiset", "Työikäiset", "Personer i arbetsför ålder"),
    ("ikaantyneet", "Ikääntyneet", "Äldre"),
    ("maahanmuuttajat", "Maahanmuuttajat", "Invandrare"),
    ("vammaiset", "Vammaiset", "Personer med funktionsnedsättning"),
    ("omaishoitajat", "Omaishoitajat", "Närståendevårdare"),
    ("pitkaaikaissairaat", "Pitkäaikaissairaat", "Långtidssjuka"),
    ("kaikki", "Kaikki", "Alla"),
]

COORDINATORS = "Koordinaattorit"
ASSOCIATION_EDITORS = "Yhdistysten toimittajat"
WORKFLOW = "Yhdistysten muutosten hyväksyntä"


def create_terms(model, key_field, rows, finnish, swedish):
    for key, name_fi, name_sv in rows:
        if model.objects.filter(**{key_field: key, "locale": finnish}).exists():
            continue
        translation_key = uuid.uuid4()
        model.objects.create(**{key_field: key}, name=name_fi, locale=finnish, translation_key=translation_key)
        model.objects.create(**{key_field: key}, name=name_sv, locale=swedish, translation_key=translation_key)


def create_taxonomies(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    finnish = Locale.objects.get(language_code="fi")
    swedish = Locale.objects.get(language_code="sv")
    create_terms(apps.get_model("associations", "Municipality"), "code", MUNICIPALITIES, finnish, swedish)
    create_terms(apps.get_model("associations", "Category"), "slug", CATEGORIES, finnish, swedish)
    create_terms(apps.get_model("associations", "TargetGroup"), "slug", TARGET_GROUPS, finnish, swedish)


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    admin_content_type, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access_admin, _ = Permission.objects.get_or_create(
        content_type=admin_content_type, codename="access_admin", defaults={"name": "Can access Wagtail admin"}
    )
    coordinators, _ = Group.objects.get_or_create(name=COORDINATORS)
    editors, _ = Group.objects.get_or_create(name=ASSOCIATION_EDITORS)
    coordinators.permissions.add(access_admin)
    editors.permissions.add(access_admin)

    # Coordinators maintain the taxonomies and the reports of outdated information.
    for model in ("municipality", "category", "targetgroup", "outdatedinforeport"):
        content_type, _ = ContentType.objects.get_or_create(app_label="associations", model=model)
        for action in ("add", "change", "delete"):
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {model}"},
            )
            coordinators.permissions.add(permission)

    root = Page.objects.filter(depth=1).first()
    if root is None:
        return
    page_content_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="page")
    for codename in ("add_page", "change_page", "publish_page", "lock_page", "unlock_page"):
        permission, _ = Permission.objects.get_or_create(
            content_type=page_content_type, codename=codename, defaults={"name": codename}
        )
        GroupPagePermission.objects.get_or_create(group=coordinators, page=root, permission=permission)

    # Editors without publish permission submit their changes here; coordinators approve them.
    workflow, created = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    if created:
        task_content_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
        task = GroupApprovalTask.objects.create(
            name="Koordinaattorin hyväksyntä", content_type=task_content_type, active=True
        )
        task.groups.add(coordinators)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    # Replaces Wagtail's default "Moderators approval" on the whole tree.
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("associations", "0001_initial"),
        ("home", "0002_content_locales"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0005_editingsession_is_editing"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(create_taxonomies, migrations.RunPython.noop),
        migrations.RunPython(create_roles, migrations.RunPython.noop),
    ]
