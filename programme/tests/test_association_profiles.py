"""An association's profile lists the published programme actions it is responsible for, in its language."""

import pytest
from bs4 import BeautifulSoup

from home.factories import publish
from programme.factories import ProgrammePageFactory, action_data, goal_data, theme_data
from programme.models import ProgrammeAction

pytestmark = pytest.mark.django_db


def listed(client, page):
    """The programme actions on an association's public profile: (link text, link)."""
    response = client.get(page.url)
    assert response.status_code == 200
    items = BeautifulSoup(response.content, "html.parser").select("ul.programme-actions li a")
    return [(a.get_text(strip=True), a["href"]) for a in items]


@pytest.fixture
def programme(home_page, latu, tanssi):
    return publish(
        ProgrammePageFactory(
            parent=home_page,
            title="Yhdistysohjelma",
            slug="ohjelma",
            themes=[
                theme_data(
                    "Liikunta",
                    goal_data(
                        "Liikkuvat asukkaat",
                        action_data("Hiihtokoulu", id="hiihto", associations=[latu]),
                        action_data("Yhteinen liikuntapäivä", id="paiva", associations=[latu, tanssi]),
                        action_data("Tanssikurssi", id="tanssikurssi", associations=[tanssi]),
                        action_data("Kunnan oma", id="kunta", others=["Kuopion kaupunki"]),
                    ),
                )
            ],
        )
    )


def test_profile_lists_only_its_own_actions(client, programme, latu, tanssi):
    assert listed(client, latu) == [
        ("1.1.1 Hiihtokoulu", "/fi/ohjelma/#action-hiihto"),
        ("1.1.2 Yhteinen liikuntapäivä", "/fi/ohjelma/#action-paiva"),
    ]
    assert listed(client, tanssi) == [
        ("1.1.2 Yhteinen liikuntapäivä", "/fi/ohjelma/#action-paiva"),
        ("1.1.3 Tanssikurssi", "/fi/ohjelma/#action-tanssikurssi"),
    ]


def test_profile_follows_what_is_published(client, programme, latu):
    # A draft adding an action is not on the profile until it is published.
    themes = programme.themes.raw_data
    themes[0]["value"]["goals"][0]["value"]["actions"].insert(
        0, action_data("Latuverkosto", id="latuverkosto", associations=[latu])
    )
    programme.themes = list(themes)
    programme.save_revision()
    assert [text for text, _url in listed(client, latu)] == [
        "1.1.1 Hiihtokoulu",
        "1.1.2 Yhteinen liikuntapäivä",
    ]

    programme.get_latest_revision().publish()
    assert [text for text, _url in listed(client, latu)] == [
        "1.1.1 Latuverkosto",
        "1.1.2 Hiihtokoulu",
        "1.1.3 Yhteinen liikuntapäivä",
    ]


def test_unpublishing_the_programme_removes_its_actions(client, programme, latu):
    assert listed(client, latu)
    programme.unpublish()
    assert listed(client, latu) == []
    assert not ProgrammeAction.objects.filter(programme=programme).exists()
    assert 'id="programme-heading"' not in client.get(latu.url).text


def test_swedish_profile_lists_the_swedish_actions(client, programme, latu, tanssi, swedish_site, translate):
    sv_latu = translate(latu, {"Kuopion Latu ry": "Kuopion Latu rf", "latu": "spar"})
    translate(
        programme,
        {"ohjelma": "program", "Hiihtokoulu": "Skidskola", "Yhteinen liikuntapäivä": "Gemensam motionsdag"},
    )
    assert listed(client, sv_latu) == [
        ("1.1.1 Skidskola", "/sv/program/#action-hiihto"),
        ("1.1.2 Gemensam motionsdag", "/sv/program/#action-paiva"),
    ]
    # The Finnish profile still lists the Finnish ones.
    assert [text for text, _url in listed(client, latu)] == [
        "1.1.1 Hiihtokoulu",
        "1.1.2 Yhteinen liikuntapäivä",
    ]

    # Unpublishing the Swedish programme leaves the Finnish profile as it was.
    programme.get_translation(sv_latu.locale).unpublish()
    assert listed(client, sv_latu) == []
    assert len(listed(client, latu)) == 2
