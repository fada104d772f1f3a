"""Coordinators create and reorder programmes in the Wagtail admin; bad input is refused with a message;
association editors cannot touch programmes."""

import json
import re

import pytest
from bs4 import BeautifulSoup
from django.utils import translation
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, rich_text

from associations.invitations import invite_editor
from home.factories import publish
from programme.factories import ProgrammePageFactory, action_data, goal_data, theme_data, update_data
from programme.models import ProgrammeAction, ProgrammePage
from programme.structure import Programme

pytestmark = pytest.mark.django_db


def list_block(items, value):
    """ListBlock form data: each item's value through `value`, with its id and order."""
    data = {
        str(index): {"value": value(item["value"]), "id": item["id"], "order": str(index), "deleted": ""}
        for index, item in enumerate(items)
    }
    data["count"] = str(len(items))
    return data


def action_form(action):
    def update_form(update):
        return {**update, "status": update["status"] or "", "author": update["author"] or ""}

    return {
        "title": action["title"],
        "description": rich_text(action["description"]),
        "start_year": str(action["start_year"]),
        "start_quarter": action["start_quarter"] or "",
        "end_year": str(action["end_year"]),
        "end_quarter": action["end_quarter"] or "",
        "status": action["status"],
        "responsible_associations": list_block(action["responsible_associations"], str),
        "other_responsible": list_block(action["other_responsible"], str),
        "indicators": list_block(action["indicators"], str),
        "updates": list_block(action["updates"], update_form),
    }


def themes_form(themes, order=None):
    """The edit form's data for the `themes` StreamField; `order` gives each theme's new position."""
    order = order or list(range(len(themes)))
    data = {
        str(index): {
            "type": "theme",
            "id": theme["id"],
            "order": str(order[index]),
            "deleted": "",
            "value": {
                "title": theme["value"]["title"],
                "introduction": rich_text(theme["value"]["introduction"]),
                "goals": list_block(
                    theme["value"]["goals"],
                    lambda goal: {
                        "title": goal["title"],
                        "description": goal["description"],
                        "actions": list_block(goal["actions"], action_form),
                    },
                ),
            },
        }
        for index, theme in enumerate(themes)
    }
    data["count"] = str(len(themes))
    return data


def page_form(client, url, themes, publish=True, **fields):
    """What the admin's page form posts: its own defaults, our fields and the themes."""
    data = querydict_from_html(client.get(url).content.decode(), form_id="page-edit-form").dict()
    data.update(
        {
            "title": "Yhdistysohjelma 2025–2028",
            "slug": "yhdistysohjelma",
            "period_start": "2025",
            "period_end": "2028",
            "status": "draft",
            "approval_date": "",
            "introduction": rich_text("<p>Yhteiset tavoitteet.</p>"),
        }
    )
    data.update(fields)
    data.update(nested_form_data({"themes": themes_form(themes)}))
    if publish:
        data["action-publish"] = "action-publish"
    return data


def add_url(home_page):
    return f"/admin/pages/add/programme/programmepage/{home_page.pk}/"


def in_language(response, message, **params):
    """`message` as the admin shows it, in the language of the response."""
    language = re.search(r'<html[^>]*lang="([a-z-]+)"', response.text).group(1)
    with translation.override(language):
        return translation.pgettext("programme", message) % params


def block_errors(response):
    """The StreamField's errors as the admin hands them to its block editor: {path: [messages]}."""
    widget = BeautifulSoup(response.content, "html.parser").find(attrs={"data-w-block-arguments-value": True})
    arguments = json.loads(widget["data-w-block-arguments-value"])
    found = {}

    def walk(errors, path):
        if errors.get("messages"):
            found[".".join(path)] = errors["messages"]
        for key, child in (errors.get("blockErrors") or {}).items():
            walk(child, (*path, key))

    for argument in arguments:
        if isinstance(argument, dict) and "blockErrors" in argument:
            walk(argument, ())
    return found


def structure():
    return [
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
                    indicators=["Edustus 19 kunnassa"],
                    updates=[update_data("2025-12-01", "Valmis.", "done", "Aino")],
                ),
                action_data("Foorumi", id="foorumi", start=(2026, None), end=(2027, None), status="agreed"),
                id="aani",
            ),
            id="osallisuus",
        ),
        theme_data(
            "Vapaaehtoisuus",
            goal_data("Uusia", action_data("Kampanja", id="kampanja", start=(2027, 2)), id="uusia"),
            id="vapaaehtoisuus",
        ),
    ]


@pytest.fixture(params=["superuser", "coordinator"])
def programme_editor(request, client):
    client.force_login(request.getfixturevalue(request.param))
    return client


def test_a_coordinator_or_admin_creates_and_publishes_a_programme(
    programme_editor, home_page, latu, django_capture_on_commit_callbacks
):
    client = programme_editor
    themes = structure()
    themes[0]["value"]["goals"][0]["value"]["actions"][1]["value"]["responsible_associations"] = [
        {"type": "item", "value": latu.pk, "id": "latu-item"}
    ]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(add_url(home_page), page_form(client, add_url(home_page), themes))
    assert response.status_code == 302, response.content[:2000]

    page = ProgrammePage.objects.get(slug="yhdistysohjelma")
    assert page.live and page.get_parent().pk == home_page.pk
    programme = Programme.from_page(page)
    assert [(a.id, a.number, a.title, a.status, str(a.schedule)) for a in programme.actions] == [
        ("edustus", "1.1.1", "Edustus", "done", "Q1/2025–Q4/2025"),
        ("foorumi", "1.1.2", "Foorumi", "agreed", "2026–2027"),
        ("kampanja", "2.1.1", "Kampanja", "proposed", "Q2/2027"),
    ]
    assert [party.title for party in programme.actions[1].associations] == ["Kuopion Latu ry"]
    assert programme.actions[0].latest_update.author == "Aino"
    assert list(ProgrammeAction.objects.filter(programme=page).values_list("action_id", flat=True)) == [
        "edustus",
        "foorumi",
        "kampanja",
    ]
    assert client.get("/fi/yhdistysohjelma/").status_code == 200


def test_reordering_in_the_editor_changes_the_public_order(
    programme_editor, home_page, django_capture_on_commit_callbacks
):
    client = programme_editor
    page = publish(ProgrammePageFactory(parent=home_page, slug="yhdistysohjelma", themes=structure()))
    edit_url = f"/admin/pages/{page.pk}/edit/"
    data = page_form(client, edit_url, structure())
    # The editor moves the second theme up, and Foorumi above Edustus.
    data.update(nested_form_data({"themes": themes_form(structure(), order=[1, 0])}))
    data["themes-0-value-goals-0-value-actions-0-order"] = "1"
    data["themes-0-value-goals-0-value-actions-1-order"] = "0"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit_url, data)
    assert response.status_code == 302, response.content[:2000]

    text = BeautifulSoup(client.get("/fi/yhdistysohjelma/").content, "html.parser")
    assert [node.get_text(strip=True) for node in text.select("h5.action__title")] == [
        "1.1.1 Kampanja",
        "2.1.1 Foorumi",
        "2.1.2 Edustus",
    ]
    assert [row.number for row in ProgrammeAction.objects.filter(programme=page)] == [
        "1.1.1",
        "2.1.1",
        "2.1.2",
    ]


STATUS_MESSAGE = (
    "The latest progress update (%(date)s) changed the status to “%(status)s”. "
    "Choose the same status here, or add a newer update."
)


def _add_with_error(client, home_page, themes, **fields):
    response = client.post(add_url(home_page), page_form(client, add_url(home_page), themes, **fields))
    assert response.status_code == 200
    assert not ProgrammePage.objects.exists()
    # What the editor typed is still in the form.
    assert "Yhdistysohjelma 2025–2028" in response.text
    assert "Kampanja" in response.text
    return response


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        (
            {"period_start": "2028", "period_end": "2025"},
            "period_end",
            "The last year cannot be before the first year.",
        ),
        ({"status": "approved"}, "approval_date", "An approved programme needs its approval date."),
        (
            {"period_start": "2025", "period_end": "2037"},
            "period_end",
            "A programme period can be at most %(years)s years.",
        ),
    ],
)
def test_invalid_period_or_approval_is_refused_with_the_error(
    programme_editor, home_page, fields, field, message
):
    response = _add_with_error(programme_editor, home_page, structure(), **fields)
    expected = in_language(response, message, years=12)
    assert response.context["form"].errors[field] == [expected]
    assert expected in response.text
    assert block_errors(response) == {}


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ((2027, None), (2026, None)),  # years the wrong way round
        ((2025, "3"), (2025, "2")),  # the same year, quarters the wrong way round
        ((2026, "1"), (2025, None)),  # a whole year before the quarter it starts in
    ],
)
def test_action_ending_before_it_starts_is_refused(programme_editor, home_page, start, end):
    themes = structure()
    themes[0]["value"]["goals"][0]["value"]["actions"][1]["value"].update(
        start_year=start[0], start_quarter=start[1], end_year=end[0], end_quarter=end[1]
    )
    response = _add_with_error(programme_editor, home_page, themes)
    assert block_errors(response) == {
        "0.goals.0.actions.1.end_year": [in_language(response, "The action cannot end before it starts.")]
    }


def test_action_ending_in_the_quarter_it_starts_is_accepted(
    programme_editor, home_page, django_capture_on_commit_callbacks
):
    client = programme_editor
    themes = structure()
    themes[1]["value"]["goals"][0]["value"]["actions"][0]["value"].update(
        start_year=2027, start_quarter="2", end_year=2027, end_quarter=None
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(add_url(home_page), page_form(client, add_url(home_page), themes))
    assert response.status_code == 302, response.content[:2000]


def test_action_status_must_agree_with_its_latest_status_update(programme_editor, home_page):
    themes = structure()
    # The newest status change (not the last in the list) says in progress; the action says done.
    themes[0]["value"]["goals"][0]["value"]["actions"][0]["value"]["updates"] = [
        update_data("2025-09-01", "Käynnissä taas.", "in_progress"),
        update_data("2025-05-01", "Valmis.", "done"),
        update_data("2025-10-01", "Kokous pidetty."),  # no status change: does not count
    ]
    response = _add_with_error(programme_editor, home_page, themes)
    language = re.search(r'<html[^>]*lang="([a-z-]+)"', response.text).group(1)
    with translation.override(language):
        expected = translation.pgettext("programme", STATUS_MESSAGE) % {
            "date": "01.09.2025",
            "status": translation.pgettext("programme", "In progress"),
        }
    assert block_errors(response) == {"0.goals.0.actions.0.status": [expected]}


def test_a_valid_approved_programme_with_its_date_is_accepted(
    programme_editor, home_page, django_capture_on_commit_callbacks
):
    client = programme_editor
    themes = structure()
    themes[0]["value"]["goals"][0]["value"]["actions"][0]["value"]["updates"] = [
        update_data("2025-05-01", "Käynnissä.", "in_progress"),
        update_data("2025-12-01", "Valmis.", "done"),
    ]
    data = page_form(client, add_url(home_page), themes, status="approved", approval_date="2025-02-17")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(add_url(home_page), data)
    assert response.status_code == 302, response.content[:2000]
    assert ProgrammePage.objects.get().status == "approved"


# --- permissions --------------------------------------------------------------------------------------


@pytest.fixture
def association_editor(latu):
    """A volunteer of Kuopion Latu, invited to edit that association's profile only."""
    return invite_editor(latu, "latu@example.fi").user


def test_association_editor_cannot_add_a_programme(client, home_page, association_editor, superuser):
    client.force_login(superuser)
    data = page_form(client, add_url(home_page), structure())
    client.force_login(association_editor)
    assert client.get(add_url(home_page)).status_code in (302, 403)
    response = client.post(add_url(home_page), data)
    assert response.status_code in (302, 403)
    assert not ProgrammePage.objects.exists()
    # Nor is the programme offered among the page types they may add under the home page.
    response = client.get(f"/admin/pages/{home_page.pk}/add_subpage/")
    assert response.status_code in (302, 403) or "programmepage" not in response.text


def test_association_editor_cannot_edit_a_programme(client, home_page, association_editor, superuser, latu):
    page = publish(ProgrammePageFactory(parent=home_page, slug="yhdistysohjelma", themes=structure()))
    edit_url = f"/admin/pages/{page.pk}/edit/"
    client.force_login(superuser)
    data = page_form(client, edit_url, structure(), title="Kaapattu ohjelma")

    client.force_login(association_editor)
    assert client.get(latu.url).status_code == 200
    assert client.get(f"/admin/pages/{latu.pk}/edit/").status_code == 200  # their own profile, yes
    assert client.get(edit_url).status_code in (302, 403)
    response = client.post(edit_url, data)
    assert response.status_code in (302, 403)
    page.refresh_from_db()
    assert page.title != "Kaapattu ohjelma"
    assert page.get_latest_revision_as_object().title != "Kaapattu ohjelma"


def test_coordinator_can_open_the_editor_of_a_programme(client, home_page, coordinator):
    page = publish(ProgrammePageFactory(parent=home_page, themes=structure()))
    client.force_login(coordinator)
    assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200
    assert client.get(add_url(home_page)).status_code == 200
