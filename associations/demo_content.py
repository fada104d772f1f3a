"""Demo content of the directory: the directory page in both languages and a few dozen associations."""

from django.core.management import call_command
from wagtail.models import Locale

from associations.models import AssociationIndexPage, AssociationPage
from home.demo_content import T, collect, publish, translate_to_swedish

DEMO_ASSOCIATIONS = 36
DIRECTORY = {
    "title": T("Yhdistykset", "Föreningar"),
    "slug": T("yhdistykset", "foreningar"),
    "introduction": T(
        "Etsi yhdistyksiä kunnan, toimialan tai kohderyhmän mukaan tai hae sanoilla.",
        "Sök föreningar efter kommun, verksamhetsområde eller målgrupp, eller med sökord.",
    ),
}


def load(home):
    """Create the directory and demo associations if they are missing."""
    pairs = {}
    spec = collect(DIRECTORY, pairs)
    directory = AssociationIndexPage.objects.child_of(home).first()
    if directory is None:
        directory = AssociationIndexPage(
            title=spec["title"], slug=spec["slug"], introduction=spec["introduction"], show_in_menus=True
        )
        home.add_child(instance=directory)
        publish(directory)
    swedish = Locale.objects.get(language_code="sv")
    if directory.get_translation_or_none(swedish) is None:
        translate_to_swedish(directory, pairs, swedish)
    if not AssociationPage.objects.descendant_of(directory).exists():
        call_command("generate_associations", DEMO_ASSOCIATIONS, seed=2026, verbosity=0)
    return directory
