"""Demo content of news and events, in Finnish and Swedish, written for this project.

Dates are relative to the day the demo is loaded, so there are always upcoming events (a weekly peer
group that runs over a daylight saving change, an online lecture, a two-day event) and one past one.
The Finnish pages are created and published first; the Swedish ones are made from them with
wagtail-localize (home.demo_content.translate_to_swedish).
"""

import datetime

from django.utils import timezone
from wagtail.models import Locale

from associations.models import AssociationPage, Category, TargetGroup
from home.demo_content import T, _paragraphs, collect, publish, translate_to_swedish
from news.models import EventIndexPage, EventPage, NewsIndexPage, NewsletterIssue, NewsPage
from news.recurrence import HELSINKI

NEWS_INDEX = {
    "title": T("Uutiset", "Nyheter"),
    "slug": T("uutiset", "nyheter"),
    "introduction": T(
        "Ajankohtaista Pohjois-Savon yhdistyksistä ja järjestöyhteistyöstä.",
        "Aktuellt om föreningarna i Norra Savolax och samarbetet mellan organisationerna.",
    ),
}
EVENT_INDEX = {
    "title": T("Tapahtumat", "Evenemang"),
    "slug": T("tapahtumat", "evenemang"),
    "introduction": T(
        "Yhdistysten tapahtumat, ryhmät ja koulutukset eri puolilla maakuntaa.",
        "Föreningarnas evenemang, grupper och utbildningar runt om i landskapet.",
    ),
}

# (days before today, title, slug, lead, paragraphs, tags, category slug, association indexes)
NEWS = [
    (
        2,
        T("Yhdistysohjelman ensimmäinen vuosi on takana", "Föreningsprogrammets första år är till ända"),
        T("yhdistysohjelman-ensimmainen-vuosi", "foreningsprogrammets-forsta-ar"),
        T(
            "Yhdistykset kokoontuivat arvioimaan, miten yhteiset tavoitteet ovat edenneet.",
            "Föreningarna samlades för att bedöma hur de gemensamma målen har framskridit.",
        ),
        [
            T(
                "Arviointitilaisuuteen osallistui edustajia kolmestatoista kunnasta.",
                "I utvärderingen deltog representanter från tretton kommuner.",
            ),
            T(
                "Eniten edistystä on tapahtunut yhdistysten yhteisessä viestinnässä.",
                "Mest framsteg har gjorts i föreningarnas gemensamma kommunikation.",
            ),
        ],
        ["yhdistysohjelma"],
        "sosiaali-ja-terveys",
        [0, 1],
    ),
    (
        7,
        T("Vapaaehtoisia kaivataan kylien kerhoihin", "Frivilliga behövs i byarnas klubbar"),
        T("vapaaehtoisia-kaivataan", "frivilliga-behovs"),
        T(
            "Kyläyhdistykset etsivät uusia vetäjiä ikäihmisten kerhoihin.",
            "Byaföreningarna söker nya ledare för klubbarna för äldre.",
        ),
        [
            T(
                "Kerhon vetäminen vie pari tuntia viikossa, ja perehdytys järjestetään.",
                "Att leda en klubb tar ett par timmar i veckan, och introduktion ordnas.",
            ),
        ],
        ["vapaaehtoistyo"],
        "kylatoiminta",
        [2],
    ),
    (
        14,
        T("Hankerahoitusta haetaan yhdessä", "Projektfinansiering söks tillsammans"),
        T("hankerahoitusta-haetaan-yhdessa", "projektfinansiering-soks-tillsammans"),
        T(
            "Pienet yhdistykset saavat apua rahoitushakemusten tekemiseen.",
            "Små föreningar får hjälp med att skriva finansieringsansökningar.",
        ),
        [
            T(
                "Neuvontaa saa puhelimitse ja etäyhteydellä koko maakunnassa.",
                "Rådgivning fås per telefon och på distans i hela landskapet.",
            ),
        ],
        ["rahoitus"],
        "sivistys",
        [],
    ),
    (
        21,
        T("Vertaistukiryhmät kokoontuvat taas", "Kamratstödsgrupperna träffas igen"),
        T("vertaistukiryhmat-kokoontuvat", "kamratstodsgrupperna-traffas"),
        T(
            "Omaishoitajien ja pitkäaikaissairaiden ryhmät jatkuvat syksyllä.",
            "Grupperna för närståendevårdare och långtidssjuka fortsätter på hösten.",
        ),
        [
            T(
                "Ryhmiin voi tulla mukaan ilman ennakkoilmoittautumista.",
                "Man kan komma med i grupperna utan förhandsanmälan.",
            ),
        ],
        ["vertaistuki"],
        "sosiaali-ja-terveys",
        [0],
    ),
    (
        35,
        T("Järjestökysely avautuu", "Organisationsenkäten öppnas"),
        T("jarjestokysely-avautuu", "organisationsenkaten-oppnas"),
        T(
            "Kysely kokoaa tietoa yhdistysten tarpeista päätöksenteon tueksi.",
            "Enkäten samlar information om föreningarnas behov som stöd för beslutsfattandet.",
        ),
        [
            T(
                "Vastaaminen vie noin kymmenen minuuttia.",
                "Det tar ungefär tio minuter att svara.",
            ),
        ],
        ["vaikuttaminen"],
        "muut",
        [1],
    ),
    (
        60,
        T("Saavutettavuus mukaan tapahtumiin", "Tillgänglighet i evenemangen"),
        T("saavutettavuus-mukaan-tapahtumiin", "tillganglighet-i-evenemangen"),
        T(
            "Uusi opas neuvoo, miten yhdistyksen tapahtumasta tehdään kaikille sopiva.",
            "En ny guide visar hur föreningens evenemang görs lämpligt för alla.",
        ),
        [
            T(
                "Oppaassa käydään läpi kulku, äänentoisto ja selkeä kieli.",
                "Guiden går igenom tillträde, ljudåtergivning och klart språk.",
            ),
        ],
        ["koulutus"],
        "vammaisjarjestot",
        [3],
    ),
]


def _next_weekday(day, weekday):
    return day + datetime.timedelta(days=(weekday - day.weekday()) % 7 or 7)


def _events(today):
    """(spec with T texts, fields) of the demo events."""
    tuesday = _next_weekday(today, 1)
    monday = _next_weekday(today, 0)

    def at(day, hour, minute=0):
        return datetime.datetime.combine(day, datetime.time(hour, minute), HELSINKI)

    return [
        (
            {
                "title": T("Omaishoitajien vertaisryhmä", "Kamratgrupp för närståendevårdare"),
                "slug": T("omaishoitajien-vertaisryhma", "kamratgrupp-for-narstaendevardare"),
                "lead": T(
                    "Keskustelua ja tukea viikoittain omaishoitajille.",
                    "Samtal och stöd varje vecka för närståendevårdare.",
                ),
                "location_name": T("Järjestötalon kerhohuone", "Organisationshusets klubbrum"),
                "accessibility": T(
                    "Esteetön sisäänkäynti ja induktiosilmukka.",
                    "Tillgänglig ingång och induktionsslinga.",
                ),
            },
            {
                "start": at(tuesday, 18),
                "end": at(tuesday, 19, 30),
                "repeat": "weekly",
                "repeat_until": tuesday + datetime.timedelta(weeks=26),
                "street_address": "Esimerkkikatu 5",
                "postal_code": "70100",
                "post_office": "Kuopio",
                "latitude": "62.892500",
                "longitude": "27.677800",
                "languages": ["fi"],
                "targets": ["omaishoitajat"],
                "category": "sosiaali-ja-terveys",
                "association": 0,
            },
        ),
        (
            {
                "title": T(
                    "Verkkoluento: yhdistyksen viestintä", "Webbföreläsning: föreningens kommunikation"
                ),
                "slug": T("verkkoluento-viestinta", "webbforelasning-kommunikation"),
                "lead": T(
                    "Vinkkejä siihen, miten pieni yhdistys kertoo toiminnastaan.",
                    "Tips om hur en liten förening berättar om sin verksamhet.",
                ),
                "location_name": "",
                "accessibility": T("Luennolla on tekstitys.", "Föreläsningen textas."),
            },
            {
                "start": at(today + datetime.timedelta(days=10), 17),
                "end": at(today + datetime.timedelta(days=10), 18, 30),
                "online_url": "https://meet.example.fi/viestinta",
                "registration_url": "https://example.fi/ilmoittaudu/viestinta",
                "registration_deadline": today + datetime.timedelta(days=8),
                "languages": ["fi", "sv"],
                "targets": ["kaikki"],
                "category": "sivistys",
                "association": 1,
            },
        ),
        (
            {
                "title": T("Pohjois-Savon järjestöpäivät", "Organisationsdagarna i Norra Savolax"),
                "slug": T("jarjestopaivat", "organisationsdagarna"),
                "lead": T(
                    "Kaksi päivää puheenvuoroja, työpajoja ja tapaamisia.",
                    "Två dagar med anföranden, verkstäder och möten.",
                ),
                "location_name": T("Kuopion järjestötalo", "Organisationshuset i Kuopio"),
                "accessibility": T(
                    "Tilat ovat esteettömät; avustaja pääsee maksutta.",
                    "Lokalerna är tillgängliga; en assistent deltar gratis.",
                ),
            },
            {
                "start": at(today + datetime.timedelta(days=30), 9),
                "end": at(today + datetime.timedelta(days=31), 16),
                "street_address": "Esimerkkikatu 5",
                "postal_code": "70100",
                "post_office": "Kuopio",
                "registration_url": "https://example.fi/ilmoittaudu/jarjestopaivat",
                "registration_deadline": today + datetime.timedelta(days=20),
                "capacity": 200,
                "is_free": False,
                "price": "25.00",
                "languages": ["fi"],
                "targets": ["kaikki"],
                "category": "muut",
                "association": 2,
            },
        ),
        (
            {
                "title": T("Kylätoimikunnan kokous", "Bykommitténs möte"),
                "slug": T("kylatoimikunnan-kokous", "bykommittens-mote"),
                "lead": T(
                    "Kuukausittainen kokous kylätalolla; kaikki kyläläiset tervetuloa.",
                    "Månatligt möte i byagården; alla bybor välkomna.",
                ),
                "location_name": T("Kylätalo", "Byagården"),
                "accessibility": "",
            },
            {
                "start": at(monday, 18),
                "end": at(monday, 20),
                "repeat": "monthly_weekday",
                "repeat_count": 6,
                "post_office": "Tervo",
                "languages": ["fi"],
                "targets": ["kaikki"],
                "category": "kylatoiminta",
                "association": 2,
            },
        ),
        (
            {
                "title": T("Ensiapukurssi yhdistysaktiiveille", "Första hjälpen-kurs för föreningsaktiva"),
                "slug": T("ensiapukurssi", "forsta-hjalpen-kurs"),
                "lead": T(
                    "Perustaidot tapahtumien järjestäjille yhden päivän aikana.",
                    "Grundfärdigheter för dem som ordnar evenemang, på en dag.",
                ),
                "location_name": T("Iisalmen kulttuurikeskus", "Kulturcentret i Idensalmi"),
                "accessibility": T("Esteetön sisäänkäynti.", "Tillgänglig ingång."),
            },
            {
                "start": at(today + datetime.timedelta(days=20), 9),
                "end": at(today + datetime.timedelta(days=20), 15),
                "post_office": "Iisalmi",
                "registration_url": "https://example.fi/ilmoittaudu/ensiapu",
                "registration_deadline": today + datetime.timedelta(days=14),
                "capacity": 16,
                "is_free": False,
                "price": "20.00",
                "languages": ["fi"],
                "targets": ["tyoikaiset"],
                "category": "sivistys",
                "association": 3,
            },
        ),
        (
            {
                "title": T("Syysretki luontopolulle", "Höstutflykt till naturstigen"),
                "slug": T("syysretki-luontopolulle", "hostutflykt-till-naturstigen"),
                "lead": T(
                    "Yhteinen retkipäivä eväineen koko perheelle.",
                    "En gemensam utflyktsdag med matsäck för hela familjen.",
                ),
                "location_name": T("Luontopolun parkkipaikka", "Naturstigens parkering"),
                "accessibility": T(
                    "Polku on osin kivikkoinen.",
                    "Stigen är delvis stenig.",
                ),
            },
            {
                "start": datetime.datetime.combine(
                    today - datetime.timedelta(days=40), datetime.time(0), HELSINKI
                ),
                "end": datetime.datetime.combine(
                    today - datetime.timedelta(days=40), datetime.time(0), HELSINKI
                ),
                "all_day": True,
                "post_office": "Rautavaara",
                "languages": ["fi"],
                "targets": ["lapsiperheet"],
                "category": "ymparisto",
                "association": 4,
            },
        ),
    ]


def _index(model, home, spec, pairs, swedish):
    fi = collect(spec, pairs)
    page = model.objects.child_of(home).first()
    if page is None:
        page = model(title=fi["title"], slug=fi["slug"], introduction=fi["introduction"], show_in_menus=True)
        home.add_child(instance=page)
        publish(page)
    if page.get_translation_or_none(swedish) is None:
        translate_to_swedish(page, pairs, swedish)
    return page


def load(home):
    """Create and publish the demo news and events in Finnish and Swedish if they are missing."""
    swedish = Locale.objects.get(language_code="sv")
    today = timezone.localdate()
    associations = list(AssociationPage.objects.live().filter(locale=home.locale).order_by("path")[:10])

    def association(index):
        return associations[index % len(associations)] if associations else None

    categories = {term.slug: term for term in Category.objects.filter(locale=home.locale)}
    targets = {term.slug: term for term in TargetGroup.objects.filter(locale=home.locale)}

    pairs = {}
    news_index = _index(NewsIndexPage, home, NEWS_INDEX, pairs, swedish)
    for days, title, slug, lead, paragraphs, tags, category, linked in NEWS:
        pairs = {}
        fi = collect({"title": title, "slug": slug, "lead": lead}, pairs)
        if NewsPage.objects.child_of(news_index).filter(slug=fi["slug"]).exists():
            continue
        page = NewsPage(
            title=fi["title"],
            slug=fi["slug"],
            lead=fi["lead"],
            body=collect([_paragraphs(*paragraphs)], pairs),
            date=today - datetime.timedelta(days=days),
            author="Järjestökoordinaattori Aino Esimerkki",
            category=categories.get(category),
        )
        page.related_associations = [page for page in map(association, linked) if page is not None]
        page.tags.add(*tags)
        news_index.add_child(instance=page)
        publish(page)
        translate_to_swedish(page, pairs, swedish)

    pairs = {}
    event_index = _index(EventIndexPage, home, EVENT_INDEX, pairs, swedish)
    for texts, fields in _events(today):
        pairs = {}
        fi = collect(texts, pairs)
        if EventPage.objects.child_of(event_index).filter(slug=fi["slug"]).exists():
            continue
        fields = dict(fields)
        organiser = association(fields.pop("association"))
        target_slugs = fields.pop("targets")
        category = categories.get(fields.pop("category"))
        page = EventPage(
            **fi,
            **fields,
            category=category,
            organiser_association=organiser,
            organiser_name="" if organiser else "Pohjois-Savon järjestöt",
        )
        page.target_groups = [targets[slug] for slug in target_slugs if slug in targets]
        event_index.add_child(instance=page)
        publish(page)
        translate_to_swedish(page, pairs, swedish)
    return news_index, event_index


NEWSLETTER = {
    "subject": T("Järjestöuutiset: marraskuu", "Föreningsnytt: november"),
    "introduction": T(
        "Tässä kuussa kerromme yhdistysten uutisista ja tulevista tapahtumista eri puolilla Pohjois-Savoa.",
        "Den här månaden berättar vi om föreningarnas nyheter och kommande evenemang "
        "runt om i Norra Savolax.",
    ),
    "heading_news": T("Uutisia", "Nyheter"),
    "heading_events": T("Tulossa", "På kommande"),
}


def load_newsletter(home):
    """A demo newsletter issue in Finnish with its Swedish translation; no subscribers."""
    if NewsletterIssue.objects.exists():
        return None
    swedish = Locale.objects.get(language_code="sv")
    pairs = {}
    texts = collect(NEWSLETTER, pairs)
    news = NewsPage.objects.live().filter(locale=home.locale).order_by("-date")[:3]
    events = (
        EventPage.objects.live().filter(locale=home.locale, start__gte=timezone.now()).order_by("start")[:2]
    )
    content = [("heading", texts["heading_news"])]
    content += [("news", page) for page in news]
    content += [("heading", texts["heading_events"])]
    content += [("event", page) for page in events]
    issue = NewsletterIssue.objects.create(
        subject=texts["subject"], introduction=texts["introduction"], content=content, locale=home.locale
    )
    issue.save_revision()
    return translate_to_swedish(issue, pairs, swedish)
