"""Demo content of the statistics app: the statistics page in Finnish and Swedish."""

from wagtail.models import Locale

from home.demo_content import T, collect, publish, translate_to_swedish
from stats.models import StatisticsPage

STATISTICS = {
    "title": T("Tilastot", "Statistik"),
    "slug": T("tilastot", "statistik"),
    "introduction": T(
        "Tietoa päättäjille: alueen yhdistykset kunnittain, toimialoittain ja kohderyhmittäin, "
        "yhdistysohjelman toimenpiteet ja yhdistyskyselyn tulokset.",
        "Kunskap för beslutsfattare: regionens föreningar per kommun, verksamhetsområde och målgrupp, "
        "föreningsprogrammets åtgärder och resultaten av föreningsenkäten.",
    ),
}


def load(home):
    """The statistics page under `home`, published in Finnish and translated into Swedish."""
    swedish = Locale.objects.get(language_code="sv")
    pairs = {}
    spec = collect(STATISTICS, pairs)
    statistics = StatisticsPage.objects.child_of(home).first()
    if statistics is None:
        statistics = StatisticsPage(
            title=spec["title"], slug=spec["slug"], introduction=spec["introduction"], show_in_menus=True
        )
        home.add_child(instance=statistics)
        publish(statistics)
    if statistics.get_translation_or_none(swedish) is None:
        translate_to_swedish(statistics, pairs, swedish)
    return statistics
