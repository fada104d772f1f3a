"""Bilingual demo content for the home app: front page, about, contact and accessibility statement.

Texts are written once as (Finnish, Swedish) pairs. The Finnish pages are created first; the Swedish ones
are made with wagtail-localize from the Finnish source and filled with the Swedish halves of the pairs, so
editors see the demo exactly as they would see their own translated pages (and can sync later changes).
"""

import logging
import uuid
from dataclasses import dataclass

from wagtail.models import Locale, Page, Site
from wagtail_localize.models import Translation
from wagtail_localize.operations import TranslationCreator

from home.models import HomePage, SiteSettings, StandardPage

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class T:
    """A text in Finnish and Swedish."""

    fi: str
    sv: str


class Paragraphs(tuple):
    """Rich text of several paragraphs; wagtail-localize translates each paragraph separately."""


def collect(value, pairs):
    """Replace every T in a nested structure by its Finnish text, remembering the Swedish one."""
    if isinstance(value, T):
        pairs[value.fi] = value.sv
        return value.fi
    if isinstance(value, Paragraphs):
        return "".join(f"<p>{collect(text, pairs)}</p>" for text in value)
    if isinstance(value, dict):
        return {key: collect(item, pairs) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [collect(item, pairs) for item in value]
    return value


def _block(block_type, value):
    return {"type": block_type, "value": value, "id": str(uuid.uuid4())}


def _items(*values):
    """ListBlock items with stable ids, so translations attach to the same item in both languages."""
    return [{"type": "item", "value": value, "id": str(uuid.uuid4())} for value in values]


def _paragraphs(*texts):
    return _block("paragraph", Paragraphs(texts))


HOME = {
    "title": T("Pohjois-Savon järjestötietopalvelu", "Föreningsinformation i Norra Savolax"),
    "slug": T("etusivu", "startsida"),
    "introduction": T(
        "Löydä lähelläsi toimivat yhdistykset, niiden toiminta ja tapahtumat. Palvelu kokoaa "
        "Pohjois-Savon 19 kunnan järjestöt yhteen paikkaan suomeksi ja ruotsiksi.",
        "Hitta föreningar nära dig, deras verksamhet och evenemang. Tjänsten samlar "
        "föreningarna i Norra Savolax 19 kommuner på ett ställe, på finska och svenska.",
    ),
}

ABOUT = {
    "title": T("Tietoa palvelusta", "Om tjänsten"),
    "slug": T("tietoa-palvelusta", "om-tjansten"),
    "introduction": T(
        "Järjestötietopalvelu on alueen yhdistysten yhteinen tietopalvelu ja viestintäkanava.",
        "Föreningsinformationen är regionens gemensamma informationstjänst och kanal för föreningarna.",
    ),
}

CONTACT = {
    "title": T("Yhteystiedot", "Kontaktuppgifter"),
    "slug": T("yhteystiedot", "kontakt"),
    "introduction": T(
        "Kysy palvelusta, pyydä muokkausoikeuksia yhdistyksesi sivulle tai kerro korjattavasta tiedosta.",
        "Fråga om tjänsten, be om redigeringsrätt till din förenings sida eller berätta om "
        "uppgifter som behöver rättas.",
    ),
}

ACCESSIBILITY = {
    "title": T("Saavutettavuusseloste", "Tillgänglighetsutlåtande"),
    "slug": T("saavutettavuusseloste", "tillganglighetsutlatande"),
    "introduction": T(
        "Tämä seloste kertoo, miten järjestötietopalvelu täyttää lain digitaalisten palvelujen "
        "tarjoamisesta vaatimukset.",
        "Detta utlåtande beskriver hur föreningsinformationen uppfyller kraven i lagen om "
        "tillhandahållande av digitala tjänster.",
    ),
}


def _home_body():
    return [
        _block("heading", {"text": T("Mitä palvelusta löytyy", "Vad hittar du här"), "level": "h2"}),
        _paragraphs(
            T(
                "Yhdistysten esittelyt kertovat, mitä ne tekevät, keille ja missä kunnissa.",
                "Föreningarnas presentationer berättar vad de gör, för vem och i vilka kommuner.",
            ),
            T(
                "Yhdistysohjelma kokoaa järjestöjen yhteiset tavoitteet ja toimenpiteet.",
                "Föreningsprogrammet samlar organisationernas gemensamma mål och åtgärder.",
            ),
        ),
        _block(
            "goal_list",
            {
                "heading": T("Periaatteemme", "Våra principer"),
                "numbered": False,
                "items": _items(
                    {
                        "title": T("Yhdistysten osaaminen ensin", "Föreningarnas kunnande först"),
                        "description": T(
                            "Rakennamme yhdistysten olemassa olevan osaamisen ja verkostojen varaan.",
                            "Vi bygger på föreningarnas befintliga kunnande och nätverk.",
                        ),
                    },
                    {
                        "title": T("Todelliset tarpeet", "Verkliga behov"),
                        "description": T(
                            "Lähdemme liikkeelle yhdistysten arjesta ja tarpeista.",
                            "Vi utgår från föreningarnas vardag och behov.",
                        ),
                    },
                    {
                        "title": T("Yhdenvertainen osallisuus", "Jämlik delaktighet"),
                        "description": T(
                            "Saavutettavuus, molemmat kansalliskielet ja selkeä kieli.",
                            "Tillgänglighet, båda nationalspråken och klart språk.",
                        ),
                    },
                ),
            },
        ),
        _block(
            "quote",
            {
                "text": T(
                    "Kun tieto yhdistyksistä on yhdessä paikassa, apu ja seura löytyvät helpommin.",
                    "När informationen om föreningarna finns på ett ställe är det lättare att "
                    "hitta hjälp och gemenskap.",
                ),
                "attribution": T("Palvelun kehittäjäryhmä", "Tjänstens utvecklingsgrupp"),
            },
        ),
    ]


def _about_body():
    return [
        _paragraphs(
            T(
                "Palvelua kehittää alueen sosiaali- ja terveysjärjestöjen kattojärjestö "
                "yhdessä yhdistysten, kuntien ja hyvinvointialueen kanssa.",
                "Tjänsten utvecklas av regionens takorganisation för social- och "
                "hälsoorganisationer tillsammans med föreningarna, kommunerna och "
                "välfärdsområdet.",
            ),
            T(
                "Hanke rakentaa kolme asiaa: järjestötietopalvelun, yhdistysohjelman ja "
                "yhteistyörakenteen, jonka kautta yhdistysten ääni kuuluu alueen päätöksenteossa.",
                "Projektet bygger tre saker: föreningsinformationen, föreningsprogrammet och en "
                "samarbetsstruktur som för fram föreningarnas röst i det regionala beslutsfattandet.",
            ),
        ),
        _block(
            "goal_list",
            {
                "heading": T("Hankkeen tavoitteet", "Projektets mål"),
                "numbered": True,
                "items": _items(
                    {
                        "title": T("Yhteinen tietopalvelu", "En gemensam informationstjänst"),
                        "description": T(
                            "Asukkaat, kunnat ja yhdistykset löytävät alueen järjestöt.",
                            "Invånare, kommuner och föreningar hittar regionens organisationer.",
                        ),
                    },
                    {
                        "title": T("Yhdistysohjelma", "Föreningsprogram"),
                        "description": T(
                            "Yhteiset tavoitteet ja aikataulutetut toimenpiteet seurantoineen.",
                            "Gemensamma mål och tidsatta åtgärder med uppföljning.",
                        ),
                    },
                    {
                        "title": T("Yhteistyörakenne", "Samarbetsstruktur"),
                        "description": T(
                            "Yhdistykset kuulluiksi julkisen ja yksityisen sektorin rinnalla.",
                            "Föreningarna blir hörda vid sidan av den offentliga och privata sektorn.",
                        ),
                    },
                ),
            },
        ),
    ]


def _contact_body():
    return [
        _block(
            "contact_card",
            {
                "name": T("Järjestökoordinaattori", "Organisationskoordinator"),
                "role": T("Palvelun ylläpito ja neuvonta", "Underhåll av tjänsten och rådgivning"),
                "email": "info@example.fi",
                "phone": T("+358 40 000 0000", "+358 40 000 0000"),
                "description": T(
                    "Tavoitat meidät arkisin kello 9–15.",
                    "Du når oss vardagar klockan 9–15.",
                ),
            },
        ),
    ]


def _accessibility_body():
    return [
        _block("heading", {"text": T("Saavutettavuuden tila", "Tillgänglighetsstatus"), "level": "h2"}),
        _paragraphs(
            T(
                "Palvelu on suunniteltu täyttämään WCAG 2.1 -ohjeiston AA-tason vaatimukset.",
                "Tjänsten är utformad för att uppfylla kraven på nivå AA i WCAG 2.1.",
            ),
            T(
                "Yhdistysten itse lisäämät kuvat ja liitteet voivat olla osittain saavutettamattomia.",
                "Bilder och bilagor som föreningarna själva lagt till kan delvis vara otillgängliga.",
            ),
        ),
        _block("heading", {"text": T("Anna palautetta", "Ge respons"), "level": "h2"}),
        _paragraphs(
            T(
                "Jos huomaat saavutettavuuspuutteen, kerro siitä sähköpostilla info@example.fi. "
                "Vastaamme 14 päivän kuluessa.",
                "Om du märker brister i tillgängligheten, berätta det per e-post till "
                "info@example.fi. Vi svarar inom 14 dagar.",
            ),
            T(
                "Jos et ole tyytyväinen vastaukseen, voit tehdä ilmoituksen "
                "saavutettavuusvaatimusten valvontaviranomaiselle.",
                "Om du inte är nöjd med svaret kan du göra en anmälan till den myndighet som "
                "övervakar tillgänglighetskraven.",
            ),
        ),
    ]


def translate_to_swedish(page, pairs, swedish):
    """Create (or refresh) the Swedish translation of `page` through wagtail-localize."""
    TranslationCreator(user=None, target_locales=[swedish]).create_translations(page)
    translation = Translation.objects.get(source__object_id=page.translation_key, target_locale=swedish)
    translation.source.update_from_db()
    po = translation.export_po()
    for entry in po:
        if entry.msgid in pairs:
            entry.msgstr = pairs[entry.msgid]
        elif not entry.obsolete:
            logger.warning("No Swedish demo text for %r on %s", entry.msgid, page.title)
    translation.import_po(po)
    translation.save_target(publish=True)
    return page.get_translation(swedish)


def publish(page):
    page.save_revision().publish()
    return page


def _child(parent, spec, body, pairs, show_in_menus=True):
    fi = collect(spec, pairs)
    existing = StandardPage.objects.child_of(parent).filter(slug=fi["slug"]).first()
    if existing:
        return existing
    page = StandardPage(
        title=fi["title"],
        slug=fi["slug"],
        introduction=fi["introduction"],
        body=collect(body, pairs),
        show_in_menus=show_in_menus,
    )
    parent.add_child(instance=page)
    return publish(page)


def load():
    """Create the home app's demo pages and settings if they are missing. Safe to run again.

    Not wrapped in one transaction: work Wagtail defers to commit time would then save the Swedish home
    page with a stale child count, hiding its children. Each page is created and published on its own,
    and a rerun completes whatever an interrupted run left out.
    """
    finnish = Locale.objects.get(language_code="fi")
    swedish = Locale.objects.get(language_code="sv")
    pairs = {}
    root = Page.get_first_root_node()

    fi_home = collect(HOME, pairs)
    home = HomePage.objects.filter(locale=finnish).first()
    if home is None:
        home = HomePage(
            title=fi_home["title"],
            slug=fi_home["slug"],
            introduction=fi_home["introduction"],
            body=collect(_home_body(), pairs),
            locale=finnish,
        )
        root.add_child(instance=home)
        publish(home)
    else:
        collect(_home_body(), pairs)

    site = Site.objects.filter(is_default_site=True).first()
    welcome = site.root_page if site else None
    if site is None:
        site = Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name=fi_home["title"],
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = fi_home["title"]
        site.save()
        # Wagtail's placeholder welcome page is replaced by our home page.
        if welcome is not None and type(welcome.specific) is Page:
            welcome.delete()

    about = _child(home, ABOUT, _about_body(), pairs)
    contact = _child(home, CONTACT, _contact_body(), pairs)
    accessibility = _child(home, ACCESSIBILITY, _accessibility_body(), pairs, show_in_menus=False)

    for page in (home, about, contact, accessibility):
        if page.get_translation_or_none(swedish) is None:
            translate_to_swedish(page, pairs, swedish)

    site_settings = SiteSettings.for_site(site)
    if not site_settings.organisation_name_fi:
        site_settings.organisation_name_fi = "Pohjois-Savon sosiaaliturvayhdistys ry"
        site_settings.organisation_name_sv = "Norra Savolax socialskyddsförening rf"
        site_settings.street_address = "Esimerkkikatu 1"
        site_settings.postal_code = "70100"
        site_settings.post_office = "Kuopio"
        site_settings.email = "info@example.fi"
        site_settings.phone = "+358 40 000 0000"
        site_settings.accessibility_statement = accessibility
        site_settings.save()
    return home
