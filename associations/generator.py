"""Realistic fake associations of Pohjois-Savo, for demos, development and the import benchmark.

`generate_rows(n, seed)` returns import rows (dictionaries with the import columns, plus recurring
activities) built from word lists in this module: plausible Finnish and Swedish names such as "Kuopion
Eläkeläiset ry" / "Kuopio pensionärer rf", short texts in both languages, valid business IDs, contact
details under example.fi, and coordinates near the home municipality. The same seed gives the same rows.
It touches neither the database nor the network, so it is fast enough for tens of thousands of rows.
"""

import random
from dataclasses import dataclass

from associations.ytunnus import check_digit

# Pohjois-Savo, roughly: generated coordinates stay inside this box.
LATITUDE_RANGE = (62.3, 63.9)
LONGITUDE_RANGE = (26.0, 28.7)


@dataclass(frozen=True)
class Place:
    """A municipality: code, Finnish name with its genitive and locative, Swedish name, centre, postcode."""

    code: str
    name: str
    genitive: str
    locative: str
    name_sv: str
    latitude: float
    longitude: float
    postal_code: str
    weight: int


MUNICIPALITIES = [
    Place("140", "Iisalmi", "Iisalmen", "Iisalmessa", "Idensalmi", 63.557, 27.190, "74100", 5),
    Place("171", "Joroinen", "Joroisten", "Joroisilla", "Jorois", 62.179, 27.827, "79600", 2),
    Place("204", "Kaavi", "Kaavin", "Kaavilla", "Kaavi", 62.975, 28.481, "73600", 2),
    Place("239", "Keitele", "Keiteleen", "Keiteleellä", "Keitele", 63.178, 26.350, "72600", 1),
    Place("263", "Kiuruvesi", "Kiuruveden", "Kiuruvedellä", "Kiuruvesi", 63.652, 26.619, "74700", 3),
    Place("297", "Kuopio", "Kuopion", "Kuopiossa", "Kuopio", 62.892, 27.678, "70100", 12),
    Place("402", "Lapinlahti", "Lapinlahden", "Lapinlahdella", "Lapinlahti", 63.366, 27.392, "73100", 3),
    Place("420", "Leppävirta", "Leppävirran", "Leppävirralla", "Leppävirta", 62.491, 27.787, "79100", 3),
    Place("595", "Pielavesi", "Pielaveden", "Pielavedellä", "Pielavesi", 63.233, 26.757, "72400", 2),
    Place("686", "Rautalampi", "Rautalammin", "Rautalammilla", "Rautalampi", 62.623, 26.834, "77700", 2),
    Place("687", "Rautavaara", "Rautavaaran", "Rautavaaralla", "Rautavaara", 63.494, 28.299, "73900", 1),
    Place("749", "Siilinjärvi", "Siilinjärven", "Siilinjärvellä", "Siilinjärvi", 63.075, 27.660, "71800", 5),
    Place("762", "Sonkajärvi", "Sonkajärven", "Sonkajärvellä", "Sonkajärvi", 63.670, 27.522, "74300", 2),
    Place("778", "Suonenjoki", "Suonenjoen", "Suonenjoella", "Suonenjoki", 62.625, 27.127, "77600", 3),
    Place("844", "Tervo", "Tervon", "Tervossa", "Tervo", 62.955, 26.755, "72210", 1),
    Place("857", "Tuusniemi", "Tuusniemen", "Tuusniemellä", "Tuusniemi", 62.810, 28.493, "71200", 1),
    Place("915", "Varkaus", "Varkauden", "Varkaudessa", "Varkaus", 62.315, 27.873, "78200", 5),
    Place("921", "Vesanto", "Vesannon", "Vesannolla", "Vesanto", 62.931, 26.414, "72300", 1),
    Place("925", "Vieremä", "Vieremän", "Vieremällä", "Vieremä", 63.745, 27.000, "74200", 2),
]


@dataclass(frozen=True)
class Kind:
    """A kind of association: how it is named and described in both languages, and how it is classified."""

    name: str  # after the place's genitive: "Kuopion Eläkeläiset"
    name_sv: str  # after the place's Swedish name: "Kuopio pensionärer"
    purpose: str  # "Yhdistys ..." continues with this
    purpose_sv: str  # "Föreningen ..." continues with this
    category: str
    target_groups: tuple
    activities: tuple  # indexes into ACTIVITIES


KINDS = [
    Kind(
        "Eläkeläiset",
        "pensionärer",
        "kokoaa eläkeläiset yhteen liikkumaan, oppimaan ja viettämään aikaa",
        "samlar pensionärer för motion, lärande och gemenskap",
        "elakelaiset",
        ("ikaantyneet",),
        (0, 3, 4, 9),
    ),
    Kind(
        "Omaishoitajat",
        "närståendevårdare",
        "tukee omaistaan hoitavia ja puolustaa heidän oikeuksiaan",
        "stöder dem som vårdar en anhörig och försvarar deras rättigheter",
        "sosiaali-ja-terveys",
        ("omaishoitajat",),
        (1, 3, 9),
    ),
    Kind(
        "Sydänyhdistys",
        "hjärtförening",
        "tukee sydänsairaita ja heidän läheisiään ja järjestää liikuntaa",
        "stöder hjärtsjuka och deras närstående och ordnar motion",
        "potilasjarjestot",
        ("pitkaaikaissairaat",),
        (1, 2, 4),
    ),
    Kind(
        "Diabetesyhdistys",
        "diabetesförening",
        "jakaa tietoa diabeteksesta ja tarjoaa vertaistukea",
        "sprider kunskap om diabetes och erbjuder kamratstöd",
        "potilasjarjestot",
        ("pitkaaikaissairaat",),
        (1, 2, 3),
    ),
    Kind(
        "Mielenterveysseura",
        "förening för psykisk hälsa",
        "edistää mielen hyvinvointia ja tarjoaa kohtaamispaikan",
        "främjar psykiskt välbefinnande och erbjuder en mötesplats",
        "mielenterveys-ja-paihteet",
        ("tyoikaiset", "nuoret"),
        (1, 3, 8),
    ),
    Kind(
        "Muistiyhdistys",
        "minnesförening",
        "tukee muistisairaita ja heidän omaisiaan",
        "stöder personer med minnessjukdom och deras anhöriga",
        "sosiaali-ja-terveys",
        ("ikaantyneet", "omaishoitajat"),
        (1, 3, 9),
    ),
    Kind(
        "Reumayhdistys",
        "reumaförening",
        "järjestää reumaa sairastaville liikuntaa ja vertaistukea",
        "ordnar motion och kamratstöd för personer med reumatism",
        "potilasjarjestot",
        ("pitkaaikaissairaat",),
        (1, 4, 5),
    ),
    Kind(
        "Näkövammaiset",
        "synskadade",
        "tukee näkövammaisia arjessa ja edistää esteettömyyttä",
        "stöder synskadade i vardagen och främjar tillgänglighet",
        "vammaisjarjestot",
        ("vammaiset",),
        (1, 3, 8),
    ),
    Kind(
        "Invalidit",
        "invalider",
        "edistää liikuntarajoitteisten yhdenvertaista osallistumista",
        "främjar rörelsehindrades jämlika deltagande",
        "vammaisjarjestot",
        ("vammaiset",),
        (1, 4, 5),
    ),
    Kind(
        "Kyläyhdistys",
        "byaförening",
        "pitää kylän elinvoimaisena ja ylläpitää kylätaloa",
        "håller byn livskraftig och sköter bygården",
        "kylatoiminta",
        ("kaikki",),
        (3, 6, 7),
    ),
    Kind(
        "Urheiluseura",
        "idrottsförening",
        "tarjoaa liikuntaa ja kilpaurheilua kaikenikäisille",
        "erbjuder motion och tävlingsidrott för alla åldrar",
        "liikunta",
        ("lapset", "nuoret"),
        (2, 4, 10),
    ),
    Kind(
        "Partiolaiset",
        "scouter",
        "kasvattaa lapsia ja nuoria retkeilyn ja yhdessä tekemisen kautta",
        "fostrar barn och unga genom friluftsliv och att göra saker tillsammans",
        "nuorisotyo",
        ("lapset", "nuoret"),
        (10, 6, 11),
    ),
    Kind(
        "Nuorisoseura",
        "ungdomsförening",
        "järjestää nuorille harrastuksia, teatteria ja tapahtumia",
        "ordnar hobbyer, teater och evenemang för unga",
        "nuorisotyo",
        ("nuoret",),
        (7, 10, 11),
    ),
    Kind(
        "Martat",
        "martor",
        "neuvoo kodinhoidossa, ruoanlaitossa ja puutarhanhoidossa",
        "ger råd om hem, matlagning och trädgård",
        "sivistys",
        ("kaikki",),
        (3, 6, 12),
    ),
    Kind(
        "Kotiseutuyhdistys",
        "hembygdsförening",
        "vaalii paikallista historiaa ja ylläpitää kotiseutumuseota",
        "vårdar den lokala historien och sköter hembygdsmuseet",
        "kulttuuri",
        ("kaikki",),
        (6, 7, 12),
    ),
    Kind(
        "Luonnonsuojeluyhdistys",
        "naturskyddsförening",
        "suojelee lähiluontoa ja järjestää luontoretkiä",
        "skyddar naturen i närområdet och ordnar naturutflykter",
        "ymparisto",
        ("kaikki",),
        (6, 11, 2),
    ),
    Kind(
        "Metsästysseura",
        "jaktförening",
        "huolehtii riistakannoista ja järjestää ampumaharjoituksia",
        "sköter viltstammarna och ordnar skjutövningar",
        "harrastukset",
        ("tyoikaiset",),
        (6, 3),
    ),
    Kind(
        "Sotaveteraanit",
        "krigsveteraner",
        "tukee veteraaneja ja vaalii heidän perintöään",
        "stöder veteranerna och vårdar deras arv",
        "veteraanit",
        ("ikaantyneet",),
        (3, 9),
    ),
    Kind(
        "Monikulttuurinen yhdistys",
        "mångkulturella förening",
        "auttaa maahan muuttaneita kotoutumaan ja tutustumaan paikallisiin",
        "hjälper invandrare att integreras och lära känna ortsborna",
        "monikulttuurisuus",
        ("maahanmuuttajat",),
        (8, 3, 12),
    ),
    Kind(
        "Perheyhdistys",
        "familjeförening",
        "tarjoaa lapsiperheille kohtaamispaikan ja vertaistukea",
        "erbjuder barnfamiljer en mötesplats och kamratstöd",
        "sosiaali-ja-terveys",
        ("lapsiperheet",),
        (13, 3, 1),
    ),
    Kind(
        "Laulukuoro",
        "sångkör",
        "laulaa moniäänistä kuoromusiikkia ja esiintyy juhlissa",
        "sjunger flerstämmig körmusik och uppträder vid fester",
        "kulttuuri",
        ("kaikki",),
        (7,),
    ),
    Kind(
        "Syöpäyhdistys",
        "cancerförening",
        "tukee syöpään sairastuneita ja heidän läheisiään",
        "stöder cancersjuka och deras närstående",
        "potilasjarjestot",
        ("pitkaaikaissairaat",),
        (1, 9),
    ),
    Kind(
        "Kuuloyhdistys",
        "hörselförening",
        "neuvoo kuulon apuvälineissä ja tarjoaa vertaistukea",
        "ger råd om hörhjälpmedel och erbjuder kamratstöd",
        "vammaisjarjestot",
        ("vammaiset", "ikaantyneet"),
        (1, 3),
    ),
    Kind(
        "Raittiusyhdistys",
        "nykterhetsförening",
        "edistää päihteetöntä elämäntapaa ja järjestää päihteettömiä tapahtumia",
        "främjar en drogfri livsstil och ordnar drogfria evenemang",
        "mielenterveys-ja-paihteet",
        ("nuoret", "tyoikaiset"),
        (8, 7),
    ),
]


@dataclass(frozen=True)
class Activity:
    title: str
    title_sv: str
    description: str
    description_sv: str
    place: str
    place_sv: str
    minutes: int


ACTIVITIES = [
    Activity(
        "Kerhoilta",
        "Klubbkväll",
        "Kahvia, juttuja ja vaihtuva ohjelma.",
        "Kaffe, prat och ett varierande program.",
        "Seurakuntatalo",
        "Församlingshemmet",
        120,
    ),
    Activity(
        "Vertaistukiryhmä",
        "Kamratstödsgrupp",
        "Luottamuksellinen keskusteluryhmä, ohjaajana koulutettu vertaistukija.",
        "En förtrolig samtalsgrupp som leds av en utbildad kamratstödjare.",
        "Järjestötalo",
        "Organisationshuset",
        90,
    ),
    Activity(
        "Kävelylenkki",
        "Promenad",
        "Rauhallinen yhteislenkki, kaikki vauhdit sopivat.",
        "En lugn promenad tillsammans, alla takter passar.",
        "Urheilukentän parkkipaikka",
        "Idrottsplanens parkering",
        60,
    ),
    Activity(
        "Jäsenkahvit",
        "Medlemskaffe",
        "Tervetuloa tutustumaan yhdistykseen kahvikupin ääressä.",
        "Välkommen att bekanta dig med föreningen över en kopp kaffe.",
        "Yhdistyksen toimitila",
        "Föreningens lokal",
        90,
    ),
    Activity(
        "Tuolijumppa",
        "Stolgymnastik",
        "Kevyttä liikettä istuen, ohjaajana liikuntaneuvoja.",
        "Lätt motion sittande, leds av en idrottsinstruktör.",
        "Palvelutalon sali",
        "Servicehusets sal",
        60,
    ),
    Activity(
        "Vesijumppa",
        "Vattengymnastik",
        "Lempeää liikuntaa lämpimässä vedessä.",
        "Skonsam motion i varmt vatten.",
        "Uimahalli",
        "Simhallen",
        60,
    ),
    Activity(
        "Talkoot",
        "Talko",
        "Tehdään yhdessä, tarjolla keittoa ja hyvää seuraa.",
        "Vi jobbar tillsammans, det bjuds på soppa och gott sällskap.",
        "Kylätalo",
        "Bygården",
        180,
    ),
    Activity(
        "Harjoitukset",
        "Övningar",
        "Viikoittaiset harjoitukset, uudet tulijat tervetulleita.",
        "Veckovisa övningar, nya deltagare är välkomna.",
        "Koulun juhlasali",
        "Skolans festsal",
        120,
    ),
    Activity(
        "Kohtaamispaikka",
        "Mötesplats",
        "Avoin olohuone, jonne voi tulla ilman ilmoittautumista.",
        "Ett öppet vardagsrum dit man kan komma utan anmälan.",
        "Kirjaston ryhmätila",
        "Bibliotekets grupprum",
        180,
    ),
    Activity(
        "Ystäväpiiri",
        "Vänkrets",
        "Pienryhmä, jossa tutustutaan ja tuetaan toinen toista.",
        "En liten grupp där man lär känna och stöder varandra.",
        "Palvelukeskus",
        "Servicecentret",
        90,
    ),
    Activity(
        "Junioriharjoitukset",
        "Juniorträning",
        "Harjoitukset lapsille ja nuorille ikäryhmittäin.",
        "Träning för barn och unga i åldersgrupper.",
        "Liikuntahalli",
        "Idrottshallen",
        90,
    ),
    Activity(
        "Retki",
        "Utflykt",
        "Yhteinen retki lähiluontoon, omat eväät mukaan.",
        "En gemensam utflykt i närnaturen, ta med egen matsäck.",
        "Lähtö kirkon parkkipaikalta",
        "Avfärd från kyrkans parkering",
        180,
    ),
    Activity(
        "Kurssi-ilta",
        "Kurskväll",
        "Opitaan uutta yhdessä, aiheet vaihtelevat.",
        "Vi lär oss nytt tillsammans, ämnena varierar.",
        "Kansalaisopiston luokka",
        "Medborgarinstitutets klassrum",
        120,
    ),
    Activity(
        "Perhekahvila",
        "Familjecafé",
        "Vanhemmille ja pienille lapsille, leikkiä ja juttuseuraa.",
        "För föräldrar och små barn, lek och sällskap.",
        "Perhekeskus",
        "Familjecentret",
        120,
    ),
]

# Villages: a first part and an ending with its genitive, e.g. Koivuniemi, Koivuniemen.
VILLAGE_STARTS = [
    "Koivu",
    "Mänty",
    "Kuusi",
    "Haapa",
    "Leppä",
    "Pihlaja",
    "Kataja",
    "Salmen",
    "Lammin",
    "Harjun",
    "Ahon",
    "Kallio",
    "Rasti",
    "Kirkko",
    "Honka",
    "Tervo",
    "Riihi",
    "Sulka",
]
VILLAGE_ENDINGS = [
    ("niemi", "niemen"),
    ("lahti", "lahden"),
    ("mäki", "mäen"),
    ("salo", "salon"),
    ("vaara", "vaaran"),
    ("kylä", "kylän"),
    ("ranta", "rannan"),
    ("joki", "joen"),
    ("saari", "saaren"),
    ("järvi", "järven"),
]

SENTENCES = [
    (
        "Toimintamme on avointa kaikille, eikä mukaan tuleminen vaadi jäsenyyttä.",
        "Vår verksamhet är öppen för alla och man behöver inte vara medlem för att delta.",
    ),
    (
        "Vapaaehtoiset ovat toimintamme sydän: tule mukaan vaikka kerran kuussa.",
        "Frivilliga är hjärtat i vår verksamhet: kom med, gärna en gång i månaden.",
    ),
    (
        "Teemme yhteistyötä kunnan, seurakunnan ja muiden yhdistysten kanssa.",
        "Vi samarbetar med kommunen, församlingen och andra föreningar.",
    ),
    (
        "Järjestämme vuosittain retken ja pikkujoulut jäsenillemme.",
        "Varje år ordnar vi en utflykt och en julfest för medlemmarna.",
    ),
    (
        "Tiedotamme tapahtumista jäsenkirjeessä ja paikallislehdessä.",
        "Vi informerar om evenemang i medlemsbrevet och i lokaltidningen.",
    ),
    (
        "Tiloihimme on esteetön pääsy, ja kokouksissa on induktiosilmukka.",
        "Våra lokaler är tillgängliga och mötena har hörslinga.",
    ),
    (
        "Jäsenmaksu on pieni, ja sillä katetaan toiminnan kuluja.",
        "Medlemsavgiften är liten och täcker verksamhetens kostnader.",
    ),
    (
        "Uudet jäsenet ja vapaaehtoiset ovat aina tervetulleita.",
        "Nya medlemmar och frivilliga är alltid välkomna.",
    ),
    (
        "Hallitus kokoontuu kuukausittain, ja vuosikokous pidetään keväällä.",
        "Styrelsen möts varje månad och årsmötet hålls på våren.",
    ),
    (
        "Haemme toimintaan avustuksia säätiöiltä ja kunnalta.",
        "Vi söker bidrag till verksamheten från stiftelser och kommunen.",
    ),
]

STREETS = [
    "Kauppakatu",
    "Koulutie",
    "Kirkkotie",
    "Asematie",
    "Puistokatu",
    "Rantatie",
    "Myllytie",
    "Torikatu",
    "Kylätie",
    "Sairaalakatu",
]
WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
ASCII = str.maketrans("äöåÄÖÅ", "aoaAOA")


def _business_id(rng, used):
    while True:
        digits = f"{rng.randrange(1, 10_000_000):07d}"
        digit = check_digit(digits)
        if digit is not None and digits not in used:
            used.add(digits)
            return f"{digits}-{digit}"


def _name(rng, place):
    """(Finnish name, Swedish name) of an association in `place`."""
    kind = rng.choice(KINDS)
    shape = rng.random()
    if shape < 0.35:
        return kind, f"{place.genitive} {kind.name}", f"{place.name_sv} {kind.name_sv}"
    if shape < 0.5:
        return kind, f"{place.genitive} seudun {kind.name}", f"{place.name_sv} nejdens {kind.name_sv}"
    start = rng.choice(VILLAGE_STARTS)
    ending, genitive = rng.choice(VILLAGE_ENDINGS)
    village = f"{start}{ending}"
    return kind, f"{start}{genitive} {kind.name}", f"{village} {kind.name_sv}"


def _activity(rng, activity, target_group):
    start = rng.choice(range(9 * 60, 19 * 60 + 1, 30))
    end = start + activity.minutes
    weekdays = sorted(rng.sample(range(7), rng.choice((1, 1, 2))))
    return (
        {
            "title": activity.title,
            "description": activity.description,
            "weekdays": [WEEKDAYS[day] for day in weekdays],
            "start_time": f"{start // 60:02d}:{start % 60:02d}",
            "end_time": f"{end // 60:02d}:{end % 60:02d}",
            "place": activity.place,
            "target_group": target_group,
        },
        {"title": activity.title_sv, "description": activity.description_sv, "place": activity.place_sv},
    )


def generate_rows(n, seed=None):
    """`n` fake associations as import rows; names are unique within one home municipality."""
    rng = random.Random(seed)
    weights = [place.weight for place in MUNICIPALITIES]
    used_names = set()
    used_business_ids = set()
    used_register_numbers = set()
    rows = []
    collisions = 0
    while len(rows) < n:
        number = len(rows) + 1
        place = rng.choices(MUNICIPALITIES, weights)[0]
        kind, name, name_sv = _name(rng, place)
        if (name, place.code) in used_names:
            collisions += 1
            if collisions < 100:
                continue
            # The word lists run out after tens of thousands of names: number the rest.
            name, name_sv = f"{name} {number}", f"{name_sv} {number}"
        collisions = 0
        used_names.add((name, place.code))
        register_number = rng.randrange(100_000, 1_000_000_000)
        while register_number in used_register_numbers:
            register_number = rng.randrange(100_000, 1_000_000_000)
        used_register_numbers.add(register_number)
        slug = f"{name.lower().translate(ASCII).replace(' ', '-')}-{number}"
        sentences = rng.sample(SENTENCES, 4)
        paragraphs = [sentences[:2], sentences[2:]] if rng.random() < 0.6 else [sentences[:3]]
        target_groups = list(kind.target_groups)
        if rng.random() < 0.2 and "kaikki" not in target_groups:
            target_groups.append("kaikki")
        categories = [kind.category]
        if rng.random() < 0.15:
            extra = rng.choice(KINDS).category
            if extra not in categories:
                categories.append(extra)
        languages = ["fi"]
        roll = rng.random()
        if roll < 0.12:
            languages.append("sv")
        elif roll < 0.2:
            languages.append("en")
        elif roll < 0.23:
            languages.append("ru")  # stored as "other"
        activities = [
            _activity(rng, ACTIVITIES[index], rng.choice((None, *target_groups)))
            for index in rng.sample(kind.activities, min(len(kind.activities), rng.randint(1, 3)))
        ]
        latitude = min(max(place.latitude + rng.uniform(-0.12, 0.12), LATITUDE_RANGE[0]), LATITUDE_RANGE[1])
        longitude = min(max(place.longitude + rng.uniform(-0.2, 0.2), LONGITUDE_RANGE[0]), LONGITUDE_RANGE[1])
        rows.append(
            {
                "name_fi": f"{name} ry",
                "name_sv": f"{name_sv} rf",
                "business_id": _business_id(rng, used_business_ids) if rng.random() < 0.85 else "",
                "register_number": str(register_number),
                "municipality": place.code if rng.random() < 0.5 else place.name,
                "categories": ";".join(categories),
                "target_groups": ";".join(target_groups),
                "summary_fi": f"Yhdistys {kind.purpose} {place.locative}.",
                "summary_sv": f"Föreningen {kind.purpose_sv} i {place.name_sv}.",
                "description_fi": "\n\n".join(" ".join(fi for fi, _sv in part) for part in paragraphs),
                "description_sv": "\n\n".join(" ".join(sv for _fi, sv in part) for part in paragraphs),
                "email": f"info@{slug}.example.fi",
                "phone": f"+358 {rng.choice(('40', '44', '45', '50'))} {rng.randrange(100, 1000)} "
                f"{rng.randrange(1000, 10000)}",
                "website": f"https://{slug}.example.fi/" if rng.random() < 0.6 else "",
                "street_address": f"{rng.choice(STREETS)} {rng.randint(1, 60)}",
                "postal_code": place.postal_code,
                "post_office": place.name.upper(),
                "founded_year": str(rng.choice(range(1890, 2024))),
                "member_count": str(int(rng.lognormvariate(4, 1)) + 5),
                "languages": ";".join(languages),
                "latitude": f"{latitude:.6f}",
                "longitude": f"{longitude:.6f}",
                "activities": [fi for fi, _sv in activities],
                "activities_sv": [sv for _fi, sv in activities],
            }
        )
    return rows
