"""The public programme page and its timeline: order and numbering, filters, bad input, query counts."""

import pytest
from bs4 import BeautifulSoup
from django.utils import translation

from associations.factories import AssociationPageFactory
from home.factories import publish
from programme.factories import ProgrammePageFactory, action_data, goal_data, theme_data, themes_with_actions

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def headings(response):
    """The programme's theme, goal and action headings in page order."""
    return [
        node.get_text(" ", strip=True)
        for node in soup(response).select(
            ".programme__structure h3, .programme__structure h4, h5.action__title"
        )
    ]


def shown_actions(response):
    return [node["id"].removeprefix("action-") for node in soup(response).select("li.action")]


@pytest.fixture
def programme(home_page, latu, tanssi):
    """Two themes; actions of Latu and Tanssijat in different years and statuses."""
    return publish(
        ProgrammePageFactory(
            parent=home_page,
            title="Yhdistysohjelma 2025–2028",
            slug="ohjelma",
            themes=[
                theme_data(
                    "Osallisuus",
                    goal_data(
                        "Ääni kuuluu",
                        action_data(
                            "Edustus", id="edustus", start=(2025, 1), status="done", associations=[latu]
                        ),
                        action_data(
                            "Foorumi",
                            id="foorumi",
                            start=(2025, 4),
                            end=(2027, None),
                            status="in_progress",
                            associations=[latu, tanssi],
                        ),
                    ),
                    goal_data(
                        "Tieto löytyy",
                        action_data("Tietopalvelu", id="tietopalvelu", start=(2026, None), status="agreed"),
                    ),
                    id="osallisuus",
                ),
                theme_data(
                    "Vapaaehtoisuus",
                    goal_data(
                        "Uusia vapaaehtoisia",
                        action_data(
                            "Kampanja", id="kampanja", start=(2028, 2), status="done", associations=[tanssi]
                        ),
                        action_data("Kurssi", id="kurssi", start=(2027, None), status="cancelled"),
                    ),
                    id="vapaaehtoisuus",
                ),
            ],
        )
    )


def test_page_shows_the_structure_numbered_in_the_editors_order(client, programme):
    with translation.override("fi"):
        goal = translation.pgettext("programme", "Goal")
    response = client.get("/fi/ohjelma/")
    assert response.status_code == 200
    assert headings(response)[:4] == [
        "1. Osallisuus",
        f"{goal} 1.1: Ääni kuuluu",
        "1.1.1 Edustus",
        "1.1.2 Foorumi",
    ]

    # The editor moves the second theme first and the forum before the representation, and publishes.
    themes = programme.themes.raw_data
    first_goal_actions = themes[0]["value"]["goals"][0]["value"]["actions"]
    first_goal_actions.reverse()
    programme.themes = [themes[1], themes[0]]
    publish(programme)

    assert headings(client.get("/fi/ohjelma/")) == [
        "1. Vapaaehtoisuus",
        f"{goal} 1.1: Uusia vapaaehtoisia",
        "1.1.1 Kampanja",
        "1.1.2 Kurssi",
        "2. Osallisuus",
        f"{goal} 2.1: Ääni kuuluu",
        "2.1.1 Foorumi",
        "2.1.2 Edustus",
        f"{goal} 2.2: Tieto löytyy",
        "2.2.1 Tietopalvelu",
    ]


def test_a_draft_change_is_not_public_until_published(client, programme):
    raw = programme.themes.raw_data
    programme.themes = [raw[1], raw[0]]
    programme.save_revision()
    assert shown_actions(client.get("/fi/ohjelma/"))[0] == "edustus"


def test_responsible_associations_link_to_their_profiles(client, programme, latu, tanssi):
    page = soup(client.get("/fi/ohjelma/"))
    links = [(a.get_text(), a["href"]) for a in page.select("#action-foorumi .inline-list a")]
    assert links == [("Kuopion Latu ry", latu.url), ("Tervon Tanssijat ry", tanssi.url)]


def test_progress_table_counts_the_actions_by_status(client, programme):
    table = soup(client.get("/fi/ohjelma/")).select_one("table.progress-table")
    # Columns: theme, proposed, agreed, in progress, done, postponed, cancelled, all, share done.
    rows = [
        [cell.get_text(strip=True) for cell in row.select("th, td")]
        for row in table.select("tbody tr, tfoot tr")
    ]
    assert [row[1:] for row in rows] == [
        ["0", "1", "1", "1", "0", "0", "3", "33 %"],  # 1 done of 3
        ["0", "0", "0", "1", "0", "1", "2", "100 %"],  # 1 done of 1 not cancelled
        ["0", "1", "1", "2", "0", "1", "5", "50 %"],  # 2 done of 4 not cancelled
    ]
    assert [row[0] for row in rows[:2]] == ["Osallisuus", "Vapaaehtoisuus"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, ["edustus", "foorumi", "tietopalvelu", "kampanja", "kurssi"]),
        ({"theme": "vapaaehtoisuus"}, ["kampanja", "kurssi"]),
        ({"status": "done"}, ["edustus", "kampanja"]),
        ({"association": "tanssi"}, ["foorumi", "kampanja"]),
        ({"association": "latu"}, ["edustus", "foorumi"]),
        # Foorumi runs from Q4/2025 to 2027, so 2026 includes it.
        ({"year": "2026"}, ["foorumi", "tietopalvelu"]),
        ({"year": "2027"}, ["foorumi", "kurssi"]),
        ({"theme": "osallisuus", "status": "done", "year": "2025"}, ["edustus"]),
        ({"status": "postponed"}, []),
    ],
)
def test_filters_narrow_the_actions(client, programme, latu, tanssi, query, expected):
    pages = {"latu": latu.pk, "tanssi": tanssi.pk}
    if "association" in query:
        query = {**query, "association": str(pages[query["association"]])}
    response = client.get("/fi/ohjelma/", query)
    assert response.status_code == 200
    assert shown_actions(response) == expected
    # The timeline shows the same actions.
    timeline = soup(client.get("/fi/ohjelma/aikajana/", query))
    assert [a["href"].rsplit("#action-", 1)[1] for a in timeline.select(".tl-label a")] == expected
    # The form shows the filters in use.
    form = soup(response).select_one("form.programme__filters")
    for name, value in query.items():
        assert form.select_one(f"select[name={name}] option[selected]")["value"] == value


@pytest.mark.parametrize(
    ("name", "bad"),
    [("theme", "ei-ole"), ("status", "valmis"), ("association", "99999"), ("year", "kaksituhatta")],
)
@pytest.mark.parametrize("view", ["", "aikajana/"])
def test_a_bad_filter_is_a_400_with_the_error_and_the_other_filters_kept(client, programme, name, bad, view):
    query = {"status": "done", "year": "2025", "theme": "osallisuus"}
    query[name] = bad
    response = client.get(f"/fi/ohjelma/{view}", query)
    assert response.status_code == 400
    page = soup(response)
    summary = page.select_one("form.programme__filters [role=alert]")
    assert summary is not None
    # Django's message names the value the user gave.
    assert bad in summary.get_text()
    form = page.select_one("form.programme__filters")
    for other, value in query.items():
        if other != name:
            assert form.select_one(f"select[name={other}] option[selected]")["value"] == value, other
    assert not page.select("li.action, .tl-label a")


def test_an_empty_programme_says_so(client, home_page):
    publish(ProgrammePageFactory(parent=home_page, slug="tyhja"))
    response = client.get("/fi/tyhja/")
    assert response.status_code == 200
    assert shown_actions(response) == []
    with translation.override("fi"):
        assert (
            translation.pgettext("programme", "No actions have been added to this programme yet.")
            in response.text
        )


# --- timeline ------------------------------------------------------------------------------------------

# Programme 2025-2028: 16 quarter columns, 2025 is columns 1-4, 2028 is 13-16.
TIMELINE = [
    # id, start, end, css classes of the bar, the note
    ("quarters", (2025, 2), (2026, 3), {"tl-from-2", "tl-to-7"}, ""),
    ("years", (2026, None), (2027, None), {"tl-from-5", "tl-to-12"}, ""),
    ("begins-before", (2023, 3), (2025, 2), {"tl-from-1", "tl-to-2"}, "begins before the period"),
    ("ends-after", (2028, 2), (2030, None), {"tl-from-14", "tl-to-16"}, "continues after the period"),
    (
        "before",
        (2021, None),
        (2022, 4),
        {"tl-from-1", "tl-to-1", "tl-bar--outside"},
        "before the programme period",
    ),
    (
        "after",
        (2031, 1),
        (2031, 1),
        {"tl-from-16", "tl-to-16", "tl-bar--outside"},
        "after the programme period",
    ),
]


@pytest.fixture
def timeline_programme(home_page):
    actions = [action_data(f"Toimi {key}", id=key, start=start, end=end) for key, start, end, *_ in TIMELINE]
    return publish(
        ProgrammePageFactory(
            parent=home_page, slug="ohjelma", themes=[theme_data("Teema", goal_data("Tavoite", *actions))]
        )
    )


def bars(response):
    """Each timeline row's action id with its bar's classes and its note."""
    rows = {}
    for row in soup(response).select(".tl-list .tl-row"):
        action = row.select_one(".tl-label a")["href"].rsplit("#action-", 1)[1]
        note = row.select_one(".tl-when em")
        classes = set(row.select_one(".tl-bar")["class"]) - {"tl-bar", "status-bar--proposed"}
        rows[action] = (classes, note.get_text() if note else "")
    return rows


def test_finnish_timeline_places_every_action(client, timeline_programme):
    response = client.get("/fi/ohjelma/aikajana/")
    assert response.status_code == 200
    with translation.override("fi"):
        expected = {
            key: (classes, translation.pgettext("programme", note) if note else "")
            for key, _s, _e, classes, note in TIMELINE
        }
    assert bars(response) == expected
    # The table under the chart lists them all too.
    assert len(soup(response).select(".timeline-table tbody tr")) == len(TIMELINE)
    assert "tl-cols-16" in soup(response).select_one(".timeline")["class"]
    assert client.get("/fi/ohjelma/tidslinje/").status_code == 404


def test_swedish_timeline_has_its_own_slug(client, timeline_programme, swedish_site, translate):
    swedish_page = translate(timeline_programme, {"ohjelma": "program", "Toimi before": "Före"})
    assert swedish_page.live
    response = client.get("/sv/program/tidslinje/")
    assert response.status_code == 200
    assert '<html lang="sv">' in response.text
    with translation.override("sv"):
        expected = {
            key: (classes, translation.pgettext("programme", note) if note else "")
            for key, _s, _e, classes, note in TIMELINE
        }
    assert bars(response) == expected
    assert "1.1.5 Före" in soup(response).select_one(".timeline-table").get_text()
    assert client.get("/sv/program/aikajana/").status_code == 404
    # The header links to the timeline in the page's own language.
    page = soup(client.get("/sv/program/"))
    assert page.select_one(".programme__views a[href$='tidslinje/']") is not None


# --- query counts -------------------------------------------------------------------------------------


@pytest.fixture
def programme_of(home_page, association_index):
    associations = [
        publish(AssociationPageFactory(parent=association_index, title=f"Yhdistys {n} ry")) for n in range(5)
    ]

    def make(count):
        page = ProgrammePageFactory(
            parent=home_page, slug=f"ohjelma-{count}", themes=themes_with_actions(count, associations)
        )
        return publish(page)

    return make


# Measured with 3 and with 30 actions (responsible associations, indicators, updates): 18 for both. The
# associations are looked up in one query (and the view restrictions in one: home.visibility), the page's
# language versions for its hreflang links in two; the rest is Wagtail's routing, the menu and settings.
PAGE_QUERIES = 18
TIMELINE_QUERIES = 16


@pytest.mark.parametrize("count", [3, 30])
def test_programme_page_queries_do_not_grow_with_actions(
    client, programme_of, django_assert_max_num_queries, count
):
    programme_of(count)
    client.get("/fi/")  # warm the site's caches (root paths, settings) as on a running server
    with django_assert_max_num_queries(PAGE_QUERIES):
        response = client.get(f"/fi/ohjelma-{count}/")
    assert response.status_code == 200
    assert len(shown_actions(response)) == count


@pytest.mark.parametrize("count", [3, 30])
def test_timeline_queries_do_not_grow_with_actions(
    client, programme_of, django_assert_max_num_queries, count
):
    programme_of(count)
    client.get("/fi/")
    with django_assert_max_num_queries(TIMELINE_QUERIES):
        response = client.get(f"/fi/ohjelma-{count}/aikajana/")
    assert response.status_code == 200
    assert len(soup(response).select(".tl-list .tl-row")) == count
