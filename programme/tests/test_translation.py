"""The Swedish programme made with wagtail-localize keeps the Finnish structure, and follows its changes."""

import datetime

import pytest
from bs4 import BeautifulSoup
from wagtail_localize.models import Translation

from home.factories import publish
from programme.factories import ProgrammePageFactory, action_data, goal_data, theme_data, update_data
from programme.models import ProgrammeAction
from programme.structure import Programme

pytestmark = pytest.mark.django_db

SWEDISH = {
    "ohjelma": "program",
    "Yhdistysohjelma": "Föreningsprogram",
    "Osallisuus": "Delaktighet",
    "Ääni kuuluu": "Rösten hörs",
    "Edustus": "Representation",
    "Foorumi": "Forum",
    "Vapaaehtoisuus": "Frivilligarbete",
    "Kampanja": "Kampanj",
    "Edustajia 19 kunnassa": "Representanter i 19 kommuner",
}


@pytest.fixture
def programme(home_page, latu, tanssi):
    return publish(
        ProgrammePageFactory(
            parent=home_page,
            title="Yhdistysohjelma",
            slug="ohjelma",
            status="approved",
            approval_date=datetime.date(2025, 2, 17),
            themes=[
                theme_data(
                    "Osallisuus",
                    goal_data(
                        "Ääni kuuluu",
                        action_data(
                            "Edustus",
                            id="edustus",
                            start=(2025, 1),
                            end=(2025, 4),
                            status="done",
                            associations=[latu],
                            indicators=["Edustajia 19 kunnassa"],
                            updates=[update_data("2025-12-01", "Valmis.", "done")],
                        ),
                        action_data(
                            "Foorumi",
                            id="foorumi",
                            start=(2025, 4),
                            end=(2028, None),
                            status="in_progress",
                            associations=[latu, tanssi],
                        ),
                        id="aani",
                    ),
                    id="osallisuus",
                ),
                theme_data(
                    "Vapaaehtoisuus",
                    goal_data(
                        "Uusia",
                        action_data("Kampanja", id="kampanja", start=(2026, 2), status="agreed"),
                        id="uusia",
                    ),
                    id="vapaaehtoisuus",
                ),
            ],
        )
    )


@pytest.fixture
def swedish_associations(swedish_site, latu, tanssi, translate):
    sv_latu = translate(latu, {"Kuopion Latu ry": "Kuopion Latu rf", "latu": "spar"})
    sv_tanssi = translate(tanssi, {"Tervon Tanssijat ry": "Tervo Dansare rf", "tanssi": "dans"})
    return sv_latu, sv_tanssi


def shape(page):
    """Everything about the structure that is not text: ids, order, statuses and schedules."""
    return [
        (
            theme.id,
            [
                (
                    goal.id,
                    [(action.id, action.number, action.status, action.schedule) for action in goal.actions],
                )
                for goal in theme.goals
            ],
        )
        for theme in Programme.from_page(page).themes
    ]


def test_swedish_programme_has_the_same_structure(client, programme, swedish_associations, translate):
    sv_page = translate(programme, SWEDISH)
    assert sv_page.live and sv_page.locale.language_code == "sv"
    assert shape(sv_page) == shape(programme)
    assert shape(sv_page)[0][1][0][1][0] == (
        "edustus",
        "1.1.1",
        "done",
        programme.programme().actions[0].schedule,
    )
    assert (sv_page.period_start, sv_page.period_end, sv_page.status, sv_page.approval_date) == (
        2025,
        2028,
        "approved",
        datetime.date(2025, 2, 17),
    )

    swedish = Programme.from_page(sv_page)
    assert [action.title for action in swedish.actions] == ["Representation", "Forum", "Kampanj"]
    assert swedish.actions[0].indicators == ["Representanter i 19 kommuner"]
    # Texts nobody translated yet stay in Finnish rather than disappear.
    assert swedish.themes[1].goals[0].title == "Uusia"

    # Both languages have their published actions for the association profiles, under the same ids.
    assert list(
        ProgrammeAction.objects.filter(programme=sv_page).values_list("action_id", "title", "status")
    ) == [
        ("edustus", "Representation", "done"),
        ("foorumi", "Forum", "in_progress"),
        ("kampanja", "Kampanj", "agreed"),
    ]

    response = client.get("/sv/program/")
    assert response.status_code == 200
    assert '<html lang="sv">' in response.text
    ids = [node["id"] for node in BeautifulSoup(response.content, "html.parser").select("li.action")]
    assert ids == ["action-edustus", "action-foorumi", "action-kampanja"]


def test_responsible_associations_on_the_swedish_page_are_the_swedish_pages(
    client, programme, swedish_associations, translate
):
    sv_latu, sv_tanssi = swedish_associations
    translate(programme, SWEDISH)
    page = BeautifulSoup(client.get("/sv/program/").content, "html.parser")
    links = [(a.get_text(), a["href"]) for a in page.select("#action-foorumi .inline-list a")]
    assert links == [
        ("Kuopion Latu rf", "/sv/foreningar/spar/"),
        ("Tervo Dansare rf", "/sv/foreningar/dans/"),
    ]
    assert (sv_latu.url, sv_tanssi.url) == ("/sv/foreningar/spar/", "/sv/foreningar/dans/")
    # The filter offers the Swedish pages too.
    options = [option.get_text() for option in page.select("select[name=association] option")][1:]
    assert options == ["Kuopion Latu rf", "Tervo Dansare rf"]


def test_syncing_brings_a_new_action_and_status_changes_into_swedish(
    client, programme, swedish_associations, translate, django_capture_on_commit_callbacks
):
    sv_page = translate(programme, SWEDISH)
    translation = Translation.objects.get(
        source__object_id=programme.translation_key, target_locale=sv_page.locale
    )

    # The Finnish programme gains an action and the campaign starts; the coordinator publishes.
    themes = programme.themes.raw_data
    campaign = themes[1]["value"]["goals"][0]["value"]["actions"][0]["value"]
    campaign["status"] = "in_progress"
    campaign["updates"] = [update_data("2026-04-01", "Kampanja alkoi.", "in_progress")]
    themes[1]["value"]["goals"][0]["value"]["actions"].append(
        action_data("Mentorointi", id="mentorointi", start=(2027, 1), end=(2028, 2), status="proposed")
    )
    programme.themes = list(themes)
    publish(programme)

    translation.source.update_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    sv_page.refresh_from_db()

    assert shape(sv_page) == shape(programme)
    actions = {action.id: action for action in Programme.from_page(sv_page).actions}
    assert list(actions) == ["edustus", "foorumi", "kampanja", "mentorointi"]
    assert (actions["mentorointi"].number, actions["mentorointi"].status) == ("2.1.2", "proposed")
    assert actions["kampanja"].status == "in_progress"
    assert actions["kampanja"].title == "Kampanj"  # the earlier translation is kept
    assert "action-mentorointi" in client.get("/sv/program/").text
    assert ProgrammeAction.objects.filter(programme=sv_page, action_id="mentorointi").exists()
