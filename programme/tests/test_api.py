"""/api/v2/programmes/: nested themes, goals and actions in fi and sv, filters, errors and query counts."""

import datetime
import uuid

import pytest
from wagtail_localize.models import Translation
from wagtail_localize.operations import TranslationCreator

from associations.factories import AssociationPageFactory
from programme.models import ProgrammePage

pytestmark = pytest.mark.django_db


def _item(value):
    return {"type": "item", "value": value, "id": str(uuid.uuid4())}


def _action(title, status, start, end, parties=(), updates=()):
    return _item(
        {
            "title": title,
            "description": f"<p>{title}: kuvaus</p>",
            "start_year": start[0],
            "start_quarter": str(start[1]) if start[1] else None,
            "end_year": end[0],
            "end_quarter": str(end[1]) if end[1] else None,
            "status": status,
            "responsible_associations": [_item(page.pk) for page in parties],
            "other_responsible": [_item("Kuopion kaupunki")],
            "indicators": [_item("Osallistujia 50")],
            "updates": [_item(update) for update in updates],
        }
    )


def _theme(title, *goals):
    return {
        "type": "theme",
        "id": str(uuid.uuid4()),
        "value": {"title": title, "introduction": "", "goals": list(goals)},
    }


def _goal(title, *actions):
    return _item({"title": title, "description": "", "actions": list(actions)})


def _programme(home, themes, **fields):
    page = ProgrammePage(
        title=fields.pop("title", "Yhdistysohjelma 2025–2028"),
        slug=fields.pop("slug", "yhdistysohjelma"),
        period_start=fields.pop("period_start", 2025),
        period_end=fields.pop("period_end", 2028),
        status=fields.pop("status", "approved"),
        approval_date=fields.pop("approval_date", datetime.date(2025, 2, 17)),
        themes=themes,
        **fields,
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def associations(association_index):
    return [AssociationPageFactory(parent=association_index, title=f"Yhdistys {n} ry") for n in range(3)]


@pytest.fixture
def programme(home_page, associations):
    first, second, _third = associations
    return _programme(
        home_page,
        [
            _theme(
                "Osallisuus",
                _goal(
                    "Äänemme kuuluu",
                    _action("Foorumi", "in_progress", (2025, 4), (2028, 4), parties=[first]),
                    _action(
                        "Kuulemismalli",
                        "done",
                        (2026, 2),
                        (2027, None),
                        parties=[first, second],
                        updates=[
                            {"date": "2026-05-01", "text": "Valmis", "status": "done", "author": "Aino"}
                        ],
                    ),
                ),
            ),
            _theme(
                "Hyvinvointi",
                _goal("Liikettä", _action("Liikuntaryhmät", "proposed", (2027, None), (2028, None))),
                _goal("Mieli", _action("Vertaistuki", "cancelled", (2025, 1), (2025, 2), parties=[second])),
            ),
        ],
    )


def test_listing_nests_themes_goals_and_actions(client, programme, associations):
    data = client.get("/api/v2/programmes/", {"locale": "fi"}).json()
    assert data["meta"]["total_count"] == 1
    item = data["items"][0]
    assert item["id"] == programme.pk
    assert item["period"] == {"start": 2025, "end": 2028}
    assert item["status"] == "approved"
    assert item["approval_date"] == "2025-02-17"
    assert item["meta"]["html_url"].endswith("/fi/yhdistysohjelma/")
    assert item["meta"]["timeline_url"].endswith("/fi/yhdistysohjelma/aikajana/")
    assert [theme["title"] for theme in item["themes"]] == ["Osallisuus", "Hyvinvointi"]
    assert [[goal["number"] for goal in theme["goals"]] for theme in item["themes"]] == [
        ["1.1"],
        ["2.1", "2.2"],
    ]
    action = item["themes"][0]["goals"][0]["actions"][1]
    assert action["number"] == "1.1.2"
    assert action["title"] == "Kuulemismalli"
    assert action["schedule"] == {
        "start_year": 2026,
        "start_quarter": 2,
        "end_year": 2027,
        "end_quarter": None,
        "label": "Q2/2026–2027",
    }
    assert action["status"] == "done"
    assert [party["title"] for party in action["responsible"]["associations"]] == [
        "Yhdistys 0 ry",
        "Yhdistys 1 ry",
    ]
    assert action["responsible"]["others"] == ["Kuopion kaupunki"]
    assert action["indicators"] == ["Osallistujia 50"]
    assert action["updates"] == [{"date": "2026-05-01", "text": "Valmis", "status": "done", "author": "Aino"}]
    # 1 done of 3 not cancelled.
    assert item["progress"]["total"] == 4
    assert item["progress"]["by_status"]["done"] == 1
    assert item["progress"]["share_done"] == round(1 / 3, 4)


@pytest.mark.parametrize(
    ("params", "titles"),
    [
        ({"status": "done"}, ["Kuulemismalli"]),
        ({"year": "2025"}, ["Foorumi", "Vertaistuki"]),
        ({"year": "2027"}, ["Foorumi", "Kuulemismalli", "Liikuntaryhmät"]),
        ({"status": "in_progress", "year": "2026"}, ["Foorumi"]),
    ],
)
def test_filters_narrow_the_actions(client, programme, params, titles):
    item = client.get("/api/v2/programmes/", params).json()["items"][0]
    found = [a["title"] for t in item["themes"] for g in t["goals"] for a in g["actions"]]
    assert found == titles
    assert item["meta"]["matching_actions"] == len(titles)


def test_theme_and_association_filters(client, programme, associations):
    whole = client.get(f"/api/v2/programmes/{programme.pk}/").json()
    second_theme = whole["themes"][1]["id"]
    item = client.get(f"/api/v2/programmes/{programme.pk}/", {"theme": second_theme}).json()
    assert [theme["title"] for theme in item["themes"]] == ["Hyvinvointi"]
    item = client.get("/api/v2/programmes/", {"association": associations[1].pk}).json()["items"][0]
    found = [a["title"] for t in item["themes"] for g in t["goals"] for a in g["actions"]]
    assert found == ["Kuulemismalli", "Vertaistuki"]
    item = client.get("/api/v2/programmes/", {"association": associations[2].pk}).json()["items"][0]
    assert item["themes"] == []
    assert item["meta"]["matching_actions"] == 0


@pytest.mark.parametrize(
    ("params", "status", "words"),
    [
        ({"status": "valmis"}, 400, "Unknown status"),
        ({"year": "1999"}, 400, "'year' must be at least 2000."),
        ({"year": "kaksituhatta"}, 400, "whole number"),
        ({"association": "999999"}, 404, "No association"),
        ({"programme_status": "secret"}, 400, "programme_status"),
        ({"colour": "red"}, 400, "Unknown query parameters"),
        ({"locale": "de"}, 404, "Unknown locale"),
        ({"limit": "101"}, 400, "at most 100"),
    ],
)
def test_bad_parameters_answer_with_a_message(client, programme, params, status, words):
    response = client.get("/api/v2/programmes/", params)
    assert response.status_code == status
    assert words in response.json()["message"]


def test_unknown_or_unpublished_programme_is_404(client, programme):
    assert client.get("/api/v2/programmes/999999/").status_code == 404
    programme.unpublish()
    response = client.get(f"/api/v2/programmes/{programme.pk}/")
    assert response.status_code == 404
    assert "message" in response.json()
    assert client.get("/api/v2/programmes/").json()["meta"]["total_count"] == 0


def test_programme_status_filter_and_newest_period_first(client, home_page, programme):
    _programme(
        home_page,
        [],
        title="Ohjelma 2021–2024",
        slug="ohjelma-2021",
        period_start=2021,
        period_end=2024,
        status="archived",
    )
    data = client.get("/api/v2/programmes/").json()
    assert [item["period"]["start"] for item in data["items"]] == [2025, 2021]
    archived = client.get("/api/v2/programmes/", {"programme_status": "archived"}).json()
    assert [item["title"] for item in archived["items"]] == ["Ohjelma 2021–2024"]


def test_swedish_programme_has_the_same_ids_and_swedish_parties(
    client, programme, associations, swedish, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        TranslationCreator(user=None, target_locales=[swedish]).create_translations(
            associations[0].get_parent()
        )
        for page in associations:
            TranslationCreator(user=None, target_locales=[swedish]).create_translations(page)
        TranslationCreator(user=None, target_locales=[swedish]).create_translations(programme)
        for translation in Translation.objects.filter(target_locale=swedish):
            translation.save_target(publish=True)
    fi = client.get("/api/v2/programmes/", {"locale": "fi"}).json()["items"][0]
    sv = client.get("/api/v2/programmes/", {"locale": "sv"}).json()["items"][0]
    assert sv["meta"]["locale"] == "sv"

    def ids(item):
        return [(a["id"], a["status"]) for t in item["themes"] for g in t["goals"] for a in g["actions"]]

    assert ids(sv) == ids(fi)
    swedish_first = associations[0].get_translation(swedish)
    parties = sv["themes"][0]["goals"][0]["actions"][0]["responsible"]["associations"]
    assert [party["id"] for party in parties] == [swedish_first.pk]
    # The association filter accepts either language's page id.
    by_fi_id = client.get("/api/v2/programmes/", {"locale": "sv", "association": associations[0].pk}).json()
    by_sv_id = client.get("/api/v2/programmes/", {"locale": "sv", "association": swedish_first.pk}).json()
    assert by_fi_id["items"][0]["meta"]["matching_actions"] == 2
    assert by_sv_id["items"][0]["meta"]["matching_actions"] == 2
    assert {link["locale"] for link in fi["translations"]} == {"sv"}


def test_query_count_does_not_grow_with_actions(
    client, home_page, programme, associations, django_assert_max_num_queries
):
    many = [
        _action(f"Toimenpide {n}", "agreed", (2026, None), (2026, None), parties=associations)
        for n in range(30)
    ]
    for year in (2017, 2021):
        _programme(
            home_page,
            [_theme("Teema", _goal("Tavoite", *many))],
            title=f"Ohjelma {year}",
            slug=f"ohjelma-{year}",
            period_start=year,
            period_end=year + 3,
            status="archived",
        )
    # Locale, view restrictions, count and programmes, then four per programme (its associations, its
    # translations, each with the view restrictions: home.visibility); the 60 actions of the two older
    # programmes add none.
    with django_assert_max_num_queries(16):
        data = client.get("/api/v2/programmes/").json()
    assert data["meta"]["total_count"] == 3


def test_detail_in_the_other_language(client, programme, swedish, django_capture_on_commit_callbacks):
    assert client.get(f"/api/v2/programmes/{programme.pk}/", {"locale": "sv"}).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        TranslationCreator(user=None, target_locales=[swedish]).create_translations(programme)
        Translation.objects.get(
            target_locale=swedish, source__object_id=programme.translation_key
        ).save_target(publish=True)
    data = client.get(f"/api/v2/programmes/{programme.pk}/", {"locale": "sv"}).json()
    assert data["id"] == programme.get_translation(swedish).pk
    assert data["meta"]["locale"] == "sv"
    assert client.get(f"/api/v2/programmes/{programme.pk}/", {"locale": "fi"}).json()["id"] == programme.pk
