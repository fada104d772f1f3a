"""Demo content of the directory: the directory page in both languages and a few dozen associations."""

import datetime

from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Locale

from associations.models import (
    AssociationIndexPage,
    AssociationPage,
    AssociationSurveyPage,
    SurveyFormField,
    SurveySubmission,
)
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


SURVEY = {
    "title": T("Yhdistyskysely 2026", "Föreningsenkät 2026"),
    "slug": T("yhdistyskysely-2026", "foreningsenkat-2026"),
    "introduction": T(
        "Vuosittainen kysely alueen yhdistyksille. Vastaaminen vie noin viisi minuuttia. Vastaukset "
        "kootaan tilastoiksi alueen päätöksenteon tueksi.",
        "En årlig enkät till regionens föreningar. Det tar ungefär fem minuter att svara. Svaren "
        "sammanställs till statistik som stöd för beslutsfattandet i regionen.",
    ),
    "thank_you_text": T(
        "Kiitos! Voit vastata uudelleen, jos tiedot muuttuvat: uusi vastaus korvaa aiemman.",
        "Tack! Du kan svara igen om uppgifterna ändras: det nya svaret ersätter det tidigare.",
    ),
}
SURVEY_QUESTIONS = [
    # label, field type, required, shown in statistics, choices
    (T("Jäsenmäärä", "Antal medlemmar"), "number", True, True, None),
    (T("Vapaaehtoisten määrä", "Antal frivilliga"), "number", True, True, None),
    (T("Tapahtumia vuodessa", "Evenemang per år"), "number", False, True, None),
    (
        T("Toiminta-alue", "Verksamhetsområde"),
        "radio",
        True,
        False,
        T("Yksi kunta, Useampi kunta, Koko maakunta", "En kommun, Flera kommuner, Hela landskapet"),
    ),
    (T("Terveiset koordinaattoreille", "Hälsningar till koordinatorerna"), "multiline", False, False, None),
]
DEMO_SURVEY_ANSWERS = 12


def load_survey(home):
    """A small annual survey (with a few answers) in Finnish and Swedish."""
    swedish = Locale.objects.get(language_code="sv")
    pairs = {}
    spec = collect(SURVEY, pairs)
    questions = [collect(list(question), pairs) for question in SURVEY_QUESTIONS]
    survey = AssociationSurveyPage.objects.child_of(home).first()
    if survey is None:
        survey = AssociationSurveyPage(
            title=spec["title"],
            slug=spec["slug"],
            introduction=spec["introduction"],
            thank_you_text=f"<p>{spec['thank_you_text']}</p>",
            deadline=timezone.localdate() + datetime.timedelta(days=60),
        )
        survey.form_fields = [
            SurveyFormField(
                label=label,
                field_type=kind,
                required=required,
                show_in_statistics=shown,
                choices=choices or "",
                sort_order=number,  # as the admin numbers them; unnumbered ones come in any order
            )
            for number, (label, kind, required, shown, choices) in enumerate(questions)
        ]
        home.add_child(instance=survey)
        publish(survey)
        for number, association in enumerate(
            AssociationPage.objects.live().filter(locale=survey.locale).order_by("pk")[:DEMO_SURVEY_ANSWERS]
        ):
            SurveySubmission.objects.create(
                page=survey,
                survey_key=survey.translation_key,
                association_key=association.translation_key,
                association=association,
                association_title=association.title,
                is_verified=True,  # as if given through the association's personal link
                form_data={
                    "jasenmaara": str(20 + number * 17 % 150),
                    "vapaaehtoisten_maara": str(2 + number * 5 % 30),
                    "tapahtumia_vuodessa": str(number * 3 % 25) if number % 3 else "",
                    "toiminta_alue": ["Yksi kunta", "Useampi kunta", "Koko maakunta"][number % 3],
                    "terveiset_koordinaattoreille": "",
                },
            )
    if survey.get_translation_or_none(swedish) is None:
        translate_to_swedish(survey, pairs, swedish)
    return survey
