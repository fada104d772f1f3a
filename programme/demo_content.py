"""Demo content of the programme app: the regional association programme 2025-2028, in Finnish and Swedish.

Written for this project. The Finnish page is created and published first; the Swedish one is made from
it with wagtail-localize, like an editor's translation (home.demo_content.translate_to_swedish).
"""

import datetime
import uuid

from wagtail.models import Locale

from associations.models import AssociationPage
from home.demo_content import Paragraphs, T, _items, collect, publish, translate_to_swedish
from programme.models import ProgrammePage

PROGRAMME = {
    "title": T("Pohjois-Savon yhdistysohjelma 2025–2028", "Föreningsprogrammet för Norra Savolax 2025–2028"),
    "slug": T("yhdistysohjelma", "foreningsprogram"),
    "introduction": Paragraphs(
        (
            T(
                "Yhdistysohjelma kokoaa alueen yhdistysten, kuntien ja hyvinvointialueen yhteiset tavoitteet "
                "ja toimenpiteet neljäksi vuodeksi. Jokaisella toimenpiteellä on aikataulu ja vastuutahot, "
                "ja sen etenemistä seurataan julkisesti.",
                "Föreningsprogrammet samlar de gemensamma målen och åtgärderna för regionens föreningar, "
                "kommuner och välfärdsområdet för fyra år. Varje åtgärd har en tidtabell och ansvariga, "
                "och hur den framskrider följs upp öppet.",
            ),
        )
    ),
}

WELLBEING_COUNTY = T("Pohjois-Savon hyvinvointialue", "Norra Savolax välfärdsområde")
MUNICIPALITIES = T("Alueen kunnat", "Kommunerna i regionen")
KUOPIO = T("Kuopion kaupunki", "Kuopio stad")
REGIONAL_OFFICE = T("Järjestöjen alueellinen tukikeskus", "Organisationernas regionala stödcenter")
COORDINATOR = "Järjestökoordinaattori Aino Esimerkki"


def action(title, description, start, end, status, parties=(), others=(), indicators=(), updates=()):
    """An action block value; `start` and `end` are (year, quarter or None), `parties` demo indexes."""
    return {
        "title": title,
        "description": Paragraphs((description,)),
        "start_year": start[0],
        "start_quarter": str(start[1]) if start[1] else None,
        "end_year": end[0],
        "end_quarter": str(end[1]) if end[1] else None,
        "status": status,
        "responsible_associations": _items(*parties),
        "other_responsible": _items(*others),
        "indicators": _items(*indicators),
        "updates": _items(
            *(
                {"date": date, "text": text, "status": changed or None, "author": COORDINATOR}
                for date, text, changed in updates
            )
        ),
    }


def goal(title, description, *actions):
    return {"title": title, "description": description, "actions": _items(*actions)}


def theme(title, introduction, *goals):
    return {
        "type": "theme",
        "id": str(uuid.uuid4()),
        "value": {"title": title, "introduction": Paragraphs((introduction,)), "goals": _items(*goals)},
    }


def _themes(a):
    """The programme's themes; `a(n)` is the id of the n-th demo association."""
    return [
        theme(
            T("Osallisuus ja vaikuttaminen", "Delaktighet och påverkan"),
            T(
                "Yhdistykset tuovat asukkaiden arjen tiedon päätöksentekoon.",
                "Föreningarna för in kunskap om invånarnas vardag i beslutsfattandet.",
            ),
            goal(
                T(
                    "Yhdistysten ääni kuuluu kuntien päätöksenteossa",
                    "Föreningarnas röst hörs i kommunernas beslut",
                ),
                T(
                    "Kunnat kuulevat yhdistyksiä ennen hyvinvointia koskevia päätöksiä.",
                    "Kommunerna hör föreningarna innan de fattar beslut om välfärd.",
                ),
                action(
                    T(
                        "Järjestöjen edustus kuntien hyvinvointiryhmiin",
                        "Organisationerna med i kommunernas välfärdsgrupper",
                    ),
                    T(
                        "Jokaisen kunnan hyvinvointiryhmään nimetään yhdistysten edustaja ja varaedustaja.",
                        "Varje kommuns välfärdsgrupp får en representant och en ersättare för föreningarna.",
                    ),
                    (2025, 1),
                    (2025, 4),
                    "done",
                    parties=[a(0)],
                    others=[MUNICIPALITIES],
                    indicators=[T("Edustus 19 kunnassa", "Representation i 19 kommuner")],
                    updates=[
                        (
                            datetime.date(2025, 5, 12),
                            T("Edustajat nimetty 12 kuntaan.", "Representanter utsedda i 12 kommuner."),
                            "in_progress",
                        ),
                        (
                            datetime.date(2025, 12, 1),
                            T(
                                "Kaikissa kunnissa on nyt edustaja.",
                                "Nu finns en representant i alla kommuner.",
                            ),
                            "done",
                        ),
                    ],
                ),
                action(
                    T(
                        "Vuosittainen järjestöfoorumi valtuutetuille",
                        "Ett årligt organisationsforum för fullmäktige",
                    ),
                    T(
                        "Valtuutetut ja yhdistykset keskustelevat kerran vuodessa "
                        "alueen ajankohtaisista asioista.",
                        "Fullmäktigeledamöter och föreningar diskuterar aktuella frågor en gång om året.",
                    ),
                    (2025, 4),
                    (2028, 4),
                    "in_progress",
                    parties=[a(1), a(2)],
                    others=[KUOPIO],
                    indicators=[T("Vähintään 60 osallistujaa vuodessa", "Minst 60 deltagare per år")],
                    updates=[
                        (
                            datetime.date(2025, 11, 20),
                            T(
                                "Ensimmäinen foorumi keräsi 74 osallistujaa.",
                                "Det första forumet samlade 74 deltagare.",
                            ),
                            "in_progress",
                        ),
                    ],
                ),
                action(
                    T("Kuulemisen malli kunnille", "En modell för hörande för kommunerna"),
                    T(
                        "Laaditaan yhdessä kuntien kanssa kevyt malli yhdistysten kuulemiseen.",
                        "Tillsammans med kommunerna tas en enkel modell för att höra föreningarna fram.",
                    ),
                    (2026, 2),
                    (2027, 1),
                    "in_progress",
                    parties=[a(3)],
                    others=[MUNICIPALITIES],
                    indicators=[T("Malli hyväksytty viidessä kunnassa", "Modellen godkänd i fem kommuner")],
                ),
            ),
            goal(
                T("Asukkaat löytävät tavan osallistua", "Invånarna hittar ett sätt att delta"),
                "",
                action(
                    T(
                        "Järjestötietopalvelu käyttöön kaikissa kunnissa",
                        "Föreningsinformationen i bruk i alla kommuner",
                    ),
                    T(
                        "Kuntien verkkosivuille upotetaan lista oman kunnan yhdistyksistä.",
                        "Kommunernas webbplatser får en inbäddad lista över föreningarna i kommunen.",
                    ),
                    (2025, 1),
                    (2025, 4),
                    "done",
                    others=[REGIONAL_OFFICE],
                    indicators=[T("Lista 19 kunnan sivuilla", "Listan på 19 kommuners webbplatser")],
                    updates=[
                        (
                            datetime.date(2025, 10, 3),
                            T(
                                "Lista on kaikkien kuntien sivuilla.",
                                "Listan finns på alla kommuners webbplatser.",
                            ),
                            "done",
                        ),
                    ],
                ),
                action(
                    T("Selkokieliset esittelyt yhdistyksistä", "Lättlästa presentationer av föreningarna"),
                    T(
                        "Yhdistyksiä autetaan kirjoittamaan esittelynsä myös selkokielellä.",
                        "Föreningarna får hjälp att skriva sin presentation också på lättläst språk.",
                    ),
                    (2026, None),
                    (2027, None),
                    "agreed",
                    parties=[a(4)],
                    indicators=[T("100 selkokielistä esittelyä", "100 lättlästa presentationer")],
                ),
            ),
        ),
        theme(
            T("Hyvinvointi ja terveys", "Välbefinnande och hälsa"),
            T(
                "Yhdistysten toiminta tukee hyvinvointialueen palveluja asukkaiden lähellä.",
                "Föreningarnas verksamhet stöder välfärdsområdets tjänster nära invånarna.",
            ),
            goal(
                T(
                    "Järjestötoiminta osaksi palveluohjausta",
                    "Organisationernas verksamhet en del av servicehandledningen",
                ),
                T(
                    "Ammattilaiset osaavat ohjata asiakkaita yhdistysten toimintaan.",
                    "Yrkesfolk kan hänvisa klienter till föreningarnas verksamhet.",
                ),
                action(
                    T(
                        "Yhdistysten toiminta palveluohjauksen käyttöön",
                        "Föreningarnas verksamhet till servicehandledningen",
                    ),
                    T(
                        "Hyvinvointialueen palveluohjaajat käyttävät järjestötietopalvelun rajapintaa.",
                        "Välfärdsområdets servicehandledare använder föreningsinformationens gränssnitt.",
                    ),
                    (2025, 3),
                    (2026, 2),
                    "done",
                    others=[WELLBEING_COUNTY],
                    indicators=[
                        T(
                            "Rajapinta käytössä kaikissa sote-keskuksissa",
                            "Gränssnittet används i alla social- och hälsocentraler",
                        )
                    ],
                    updates=[
                        (
                            datetime.date(2026, 6, 15),
                            T(
                                "Käytössä kaikissa sote-keskuksissa.",
                                "I bruk i alla social- och hälsocentraler.",
                            ),
                            "done",
                        ),
                    ],
                ),
                action(
                    T(
                        "Yhteiset koulutukset sote-ammattilaisille",
                        "Gemensamma utbildningar för social- och hälsovårdspersonal",
                    ),
                    T(
                        "Yhdistykset esittelevät toimintaansa ammattilaisten koulutuspäivillä.",
                        "Föreningarna presenterar sin verksamhet på personalens utbildningsdagar.",
                    ),
                    (2026, 1),
                    (2028, 4),
                    "in_progress",
                    parties=[a(5), a(6)],
                    others=[WELLBEING_COUNTY],
                    indicators=[T("Neljä koulutusta vuodessa", "Fyra utbildningar per år")],
                ),
            ),
            goal(
                T("Liikkumattomuus vähenee", "Mindre stillasittande"),
                "",
                action(
                    T(
                        "Matalan kynnyksen liikuntaryhmiä joka kuntaan",
                        "Lågtröskelgrupper för motion i varje kommun",
                    ),
                    T(
                        "Liikuntaseurat ja kunnat perustavat maksuttomia ryhmiä aloittelijoille.",
                        "Idrottsföreningar och kommuner startar avgiftsfria grupper för nybörjare.",
                    ),
                    (2026, 1),
                    (2028, 4),
                    "in_progress",
                    parties=[a(7), a(8)],
                    others=[MUNICIPALITIES],
                    indicators=[T("Ryhmä kaikissa 19 kunnassa", "En grupp i alla 19 kommuner")],
                    updates=[
                        (
                            datetime.date(2026, 3, 2),
                            T("Ryhmät aloittivat yhdeksässä kunnassa.", "Grupperna startade i nio kommuner."),
                            "in_progress",
                        ),
                    ],
                ),
                action(
                    T("Liikuntaluotsit ikäihmisille", "Motionslotsar för äldre"),
                    T(
                        "Koulutetut vapaaehtoiset saattavat ikäihmisiä liikuntaryhmiin.",
                        "Utbildade frivilliga följer äldre till motionsgrupper.",
                    ),
                    (2027, None),
                    (2028, None),
                    "proposed",
                    parties=[a(9)],
                ),
            ),
            goal(
                T("Mielen hyvinvointi vahvistuu", "Det psykiska välbefinnandet stärks"),
                "",
                action(
                    T("Vertaistukiryhmien verkosto", "Ett nätverk av kamratstödsgrupper"),
                    T(
                        "Vertaisryhmien ohjaajat tapaavat ja jakavat kokemuksia neljästi vuodessa.",
                        "Ledarna för kamratstödsgrupper träffas och delar erfarenheter fyra gånger om året.",
                    ),
                    (2025, 2),
                    (2027, 4),
                    "in_progress",
                    parties=[a(10), a(11)],
                    indicators=[T("30 ryhmää verkostossa", "30 grupper i nätverket")],
                ),
                action(
                    T("Mielenterveyden ensiapukurssit", "Kurser i första hjälpen för psykisk hälsa"),
                    T(
                        "Yhdistysaktiiveille järjestetään mielenterveyden ensiapukursseja.",
                        "Föreningsaktiva erbjuds kurser i första hjälpen för psykisk hälsa.",
                    ),
                    (2026, 3),
                    (2026, 4),
                    "postponed",
                    parties=[a(12)],
                    updates=[
                        (
                            datetime.date(2026, 9, 8),
                            T(
                                "Siirretty keväälle kouluttajan sairastumisen vuoksi.",
                                "Flyttas till våren eftersom utbildaren insjuknat.",
                            ),
                            "postponed",
                        ),
                    ],
                ),
            ),
        ),
        theme(
            T("Vapaaehtoistoiminta", "Frivilligverksamhet"),
            T(
                "Vapaaehtoisuus on yhdistysten voimavara, jota kannattaa vaalia.",
                "Frivilligheten är föreningarnas resurs som är värd att vårda.",
            ),
            goal(
                T("Uudet vapaaehtoiset löytävät tehtävänsä", "Nya frivilliga hittar sina uppdrag"),
                "",
                action(
                    T(
                        "Vapaaehtoistehtävien yhteinen ilmoitustaulu",
                        "En gemensam anslagstavla för frivilliguppdrag",
                    ),
                    T(
                        "Yhdistykset ilmoittavat vapaaehtoistehtävät yhdessä paikassa.",
                        "Föreningarna annonserar sina frivilliguppdrag på ett ställe.",
                    ),
                    (2026, 1),
                    (2026, 4),
                    "in_progress",
                    parties=[a(13)],
                    others=[REGIONAL_OFFICE],
                    indicators=[T("200 ilmoitettua tehtävää vuodessa", "200 annonserade uppdrag per år")],
                ),
                action(
                    T("Nuorten vapaaehtoiskokeilut", "Prova på-uppdrag för unga"),
                    T(
                        "Nuoret kokeilevat vapaaehtoistyötä lyhyissä, ohjatuissa tehtävissä.",
                        "Unga provar på frivilligarbete i korta, handledda uppdrag.",
                    ),
                    (2027, 1),
                    (2028, 2),
                    "agreed",
                    parties=[a(14), a(15)],
                ),
            ),
            goal(
                T("Vapaaehtoiset jaksavat", "De frivilliga orkar"),
                "",
                action(
                    T("Vapaaehtoiskoordinaattorien koulutus", "Utbildning för frivilligkoordinatorer"),
                    T(
                        "Koordinaattorit oppivat perehdyttämään ja tukemaan vapaaehtoisia.",
                        "Koordinatorerna lär sig introducera och stödja frivilliga.",
                    ),
                    (2025, 4),
                    (2026, 1),
                    "done",
                    others=[REGIONAL_OFFICE],
                    updates=[
                        (
                            datetime.date(2026, 3, 30),
                            T(
                                "Koulutuksen suoritti 41 koordinaattoria.",
                                "41 koordinatorer gick utbildningen.",
                            ),
                            "done",
                        ),
                    ],
                ),
                action(
                    T("Kiitostapahtuma vapaaehtoisille", "En tackfest för frivilliga"),
                    T(
                        "Vapaaehtoisia kiitetään joka vuosi yhteisellä tapahtumalla.",
                        "De frivilliga tackas varje år med ett gemensamt evenemang.",
                    ),
                    (2025, None),
                    (2028, None),
                    "in_progress",
                    parties=[a(16)],
                    others=[KUOPIO],
                ),
                action(
                    T("Vakuutusmalli pienille yhdistyksille", "En försäkringsmodell för små föreningar"),
                    T(
                        "Pienet yhdistykset saavat vapaaehtoistensa vakuutuksen yhteisellä sopimuksella.",
                        "Små föreningar kan försäkra sina frivilliga genom ett gemensamt avtal.",
                    ),
                    (2024, 3),
                    (2025, 2),
                    "done",
                    others=[REGIONAL_OFFICE],
                    indicators=[
                        T("Sopimukseen liittyi 50 yhdistystä", "50 föreningar anslöt sig till avtalet")
                    ],
                ),
            ),
        ),
        theme(
            T("Yhteistyö kuntien kanssa", "Samarbete med kommunerna"),
            T(
                "Kunnat ja yhdistykset sopivat selkeistä pelisäännöistä.",
                "Kommunerna och föreningarna kommer överens om tydliga spelregler.",
            ),
            goal(
                T("Avustuskäytännöt selkeytyvät", "Tydligare praxis för bidrag"),
                "",
                action(
                    T(
                        "Kuntien avustusten yhteinen hakukalenteri",
                        "En gemensam ansökningskalender för kommunala bidrag",
                    ),
                    T(
                        "Kaikkien kuntien avustusten hakuajat kootaan yhteen kalenteriin.",
                        "Ansökningstiderna för alla kommuners bidrag samlas i en kalender.",
                    ),
                    (2026, 1),
                    (2026, 2),
                    "done",
                    others=[MUNICIPALITIES],
                ),
                action(
                    T(
                        "Avustusten vaikuttavuuden arviointimalli",
                        "En modell för att bedöma bidragens effekt",
                    ),
                    T(
                        "Kehitetään yksinkertainen tapa kertoa, mitä avustuksilla saatiin aikaan.",
                        "Ett enkelt sätt att berätta vad bidragen åstadkom tas fram.",
                    ),
                    (2027, None),
                    (2028, None),
                    "proposed",
                    parties=[a(17)],
                    others=[MUNICIPALITIES],
                ),
            ),
            goal(
                T("Tilat yhdistysten käyttöön", "Lokaler för föreningarna"),
                "",
                action(
                    T(
                        "Kuntien tilat maksutta yleishyödyllisille yhdistyksille",
                        "Kommunernas lokaler avgiftsfritt för allmännyttiga föreningar",
                    ),
                    T(
                        "Kunnat avaavat tilojaan yhdistysten käyttöön ilman vuokraa.",
                        "Kommunerna öppnar sina lokaler för föreningarna utan hyra.",
                    ),
                    (2026, 3),
                    (2027, 4),
                    "agreed",
                    parties=[a(18)],
                    others=[MUNICIPALITIES],
                ),
                action(
                    T("Tilojen yhteinen varausjärjestelmä", "Ett gemensamt bokningssystem för lokaler"),
                    T(
                        "Kuntien ja yhdistysten tilat varataan yhdestä palvelusta.",
                        "Kommunernas och föreningarnas lokaler bokas i en och samma tjänst.",
                    ),
                    (2027, 2),
                    (2028, 1),
                    "proposed",
                    others=[KUOPIO],
                ),
                action(
                    T("Koulujen iltakäyttö", "Skolornas lokaler på kvällarna"),
                    T(
                        "Koulujen tilat yhdistysten käyttöön iltaisin.",
                        "Skolornas lokaler till föreningarnas bruk på kvällarna.",
                    ),
                    (2025, None),
                    (2025, None),
                    "cancelled",
                    others=[MUNICIPALITIES],
                    updates=[
                        (
                            datetime.date(2025, 8, 20),
                            T(
                                "Korvattu tilojen maksuttomalla käytöllä.",
                                "Ersatt av avgiftsfri användning av lokalerna.",
                            ),
                            "cancelled",
                        ),
                    ],
                ),
            ),
        ),
        theme(
            T("Yhdistysten osaaminen ja resurssit", "Föreningarnas kunnande och resurser"),
            T(
                "Vahva hallitus ja monipuolinen rahoitus kantavat yhdistystä vaikeinakin vuosina.",
                "En stark styrelse och bred finansiering bär föreningen också under svåra år.",
            ),
            goal(
                T("Hallitustyö vahvistuu", "Styrelsearbetet stärks"),
                "",
                action(
                    T("Hallituskoulu kahdesti vuodessa", "Styrelseskola två gånger om året"),
                    T(
                        "Uusille hallituksen jäsenille järjestetään perehdytys keväisin ja syksyisin.",
                        "Nya styrelsemedlemmar får introduktion varje vår och höst.",
                    ),
                    (2025, 1),
                    (2028, 4),
                    "in_progress",
                    others=[REGIONAL_OFFICE],
                    indicators=[T("80 osallistujaa vuodessa", "80 deltagare per år")],
                ),
                action(
                    T("Digitaalisten työkalujen opastus", "Handledning i digitala verktyg"),
                    T(
                        "Yhdistyksiä opastetaan sähköisiin kokouksiin ja jäsenrekistereihin.",
                        "Föreningarna får handledning i digitala möten och medlemsregister.",
                    ),
                    (2026, 2),
                    (2026, 4),
                    "done",
                    parties=[a(19)],
                    updates=[
                        (
                            datetime.date(2026, 11, 2),
                            T("Opastusta sai 63 yhdistystä.", "63 föreningar fick handledning."),
                            "done",
                        ),
                    ],
                ),
            ),
            goal(
                T("Rahoituspohja laajenee", "Finansieringen breddas"),
                "",
                action(
                    T("Hankehakujen yhteinen neuvonta", "Gemensam rådgivning för projektansökningar"),
                    T(
                        "Yhdistykset saavat apua hankehakemusten kirjoittamiseen.",
                        "Föreningarna får hjälp att skriva projektansökningar.",
                    ),
                    (2026, None),
                    (2027, None),
                    "in_progress",
                    others=[REGIONAL_OFFICE],
                ),
                action(
                    T(
                        "Seuraavan ohjelmakauden rahoituksen valmistelu",
                        "Finansieringen för nästa programperiod förbereds",
                    ),
                    T(
                        "Haetaan rahoitus ohjelman jatkolle kaudelle 2029–2032.",
                        "Finansiering söks för en fortsättning av programmet 2029–2032.",
                    ),
                    (2029, 1),
                    (2029, 2),
                    "proposed",
                    others=[REGIONAL_OFFICE],
                ),
            ),
        ),
    ]


def load(home):
    """Create and publish the demo programme in Finnish and Swedish if it is missing."""
    swedish = Locale.objects.get(language_code="sv")
    pairs = {}
    spec = collect(PROGRAMME, pairs)
    associations = list(
        AssociationPage.objects.live()
        .filter(locale=home.locale)
        .order_by("path")
        .values_list("pk", flat=True)[:20]
    )

    def association(index):
        return associations[index % len(associations)] if associations else None

    themes = collect(_themes(association), pairs)
    if not associations:  # no directory yet: no responsible associations either
        for block in themes:
            for goal_item in block["value"]["goals"]:
                for action_item in goal_item["value"]["actions"]:
                    action_item["value"]["responsible_associations"] = []

    page = ProgrammePage.objects.child_of(home).first()
    if page is None:
        page = ProgrammePage(
            title=spec["title"],
            slug=spec["slug"],
            introduction=spec["introduction"],
            period_start=2025,
            period_end=2028,
            status="approved",
            approval_date=datetime.date(2025, 2, 17),
            themes=themes,
            show_in_menus=True,
        )
        home.add_child(instance=page)
        publish(page)
    if page.get_translation_or_none(swedish) is None:
        translate_to_swedish(page, pairs, swedish)
    return page
