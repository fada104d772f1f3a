"""Statistics for decision-makers: every figure against counts made here from the fixture's own data, the
cache and its invalidation, the page, the municipality pages, the downloads, the API and the dashboard."""

import csv
import datetime
import io
from collections import Counter

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from openpyxl import load_workbook

from associations.factories import AssociationPageFactory
from associations.models import Category, Municipality, TargetGroup
from home import versions
from home.demo_content import publish
from programme.factories import ProgrammePageFactory, action_data, goal_data, theme_data
from stats.figures import cached, compute
from stats.models import StatisticsPage

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def days_ago(days):
    return TODAY - datetime.timedelta(days=days)


# The published associations, as plain data the expectations are counted from.
ASSOCIATIONS = {
    "a": {
        "title": "Kuopion Nuorisoseura ry",
        "municipality": "297",
        "categories": ["liikunta", "kulttuuri"],
        "target_groups": ["nuoret"],
        "languages": ["fi", "sv"],
        "founded": 1975,
        "members": 120,
        "volunteers": 10,
        "checked": days_ago(30),
        "email": "nuoriso@example.fi",
    },
    "b": {
        "title": "Kuopion Pallo ry",
        "municipality": "297",
        "categories": ["liikunta"],
        "target_groups": [],
        "languages": ["fi"],
        "founded": 1999,
        "members": None,
        "volunteers": 5,
        "checked": days_ago(400),
        "email": "pallo@example.fi",
    },
    "c": {
        "title": "Iisalmen Seniorit ry",
        "municipality": "140",
        "categories": [],
        "target_groups": ["ikaantyneet", "kaikki"],
        "languages": ["fi", "en"],
        "founded": None,
        "members": 40,
        "volunteers": None,
        "checked": None,
        "email": "seniorit@example.fi",
    },
    "d": {
        "title": "Varkauden Omaishoitajat rf",
        "municipality": "915",
        "categories": ["sosiaali-ja-terveys"],
        "target_groups": ["omaishoitajat"],
        "languages": ["sv"],
        "founded": 2001,
        "members": 15,
        "volunteers": 3,
        "checked": days_ago(365),  # exactly a year ago still counts as checked within 12 months
        "email": "omais@example.fi",
    },
}
# Not published: never counted.
DRAFT = {**ASSOCIATIONS["b"], "title": "Luonnos ry", "municipality": "297", "email": "luonnos@example.fi"}

# action id -> status, (start, end), responsible associations, theme
ACTIONS = {
    "a1": ("done", (2025, 2026), ["a"], "t1"),
    "a2": ("in_progress", (2026, 2026), ["a", "c"], "t1"),
    "a3": ("proposed", (2027, 2028), [], "t2"),
    "a4": ("cancelled", (2025, 2025), ["d"], "t2"),
}
THEMES = {"t1": "Osallisuus", "t2": "Hyvinvointi"}


def make_association(parent, spec, live=True):
    page = AssociationPageFactory(
        parent=parent,
        title=spec["title"],
        home_municipality=Municipality.objects.get(code=spec["municipality"], locale__language_code="fi"),
        service_languages=spec["languages"],
        founded_year=spec["founded"],
        member_count=spec["members"],
        volunteer_count=spec["volunteers"],
        last_checked=spec["checked"],
        email=spec["email"],
        phone="+358 40 123 4567",
        live=live,
    )
    page.categories = list(Category.objects.filter(slug__in=spec["categories"], locale__language_code="fi"))
    page.target_groups = list(
        TargetGroup.objects.filter(slug__in=spec["target_groups"], locale__language_code="fi")
    )
    page.save()
    if live:
        publish(page)
    else:
        page.save_revision()
    return page


@pytest.fixture
def field(home_page, association_index, swedish, django_capture_on_commit_callbacks):
    """The published associations (one of them also in Swedish), a draft, an unpublished one, a
    programme with four actions, and the statistics page in Finnish and Swedish."""
    pages = {key: make_association(association_index, spec) for key, spec in ASSOCIATIONS.items()}
    make_association(association_index, DRAFT, live=False)
    gone = make_association(association_index, {**ASSOCIATIONS["c"], "title": "Lopettanut ry"})
    gone.unpublish()
    with django_capture_on_commit_callbacks(execute=True):
        swedish_a = pages["a"].copy_for_translation(swedish, copy_parents=True)
        publish(swedish_a)

    themes = []
    for theme_id, title in THEMES.items():
        actions = [
            action_data(
                f"Toimenpide {action_id}",
                id=action_id,
                start=(span[0], None),
                end=(span[1], None),
                status=status,
                associations=[pages[key] for key in keys],
            )
            for action_id, (status, span, keys, theme) in ACTIONS.items()
            if theme == theme_id
        ]
        themes.append(theme_data(title, goal_data(f"Tavoite {theme_id}", *actions), id=theme_id))
    programme = publish(ProgrammePageFactory(parent=home_page, themes=themes, title="Ohjelma 2025–2028"))

    statistics_page = StatisticsPage(title="Tilastot", slug="tilastot", introduction="Lukuja.")
    home_page.add_child(instance=statistics_page)
    publish(statistics_page)
    return {"pages": pages, "programme": programme, "statistics": statistics_page, "swedish_a": swedish_a}


@pytest.fixture
def statistics_page(field):
    return field["statistics"]


def expected_association_figures():
    """The association figures counted from ASSOCIATIONS alone."""
    specs = list(ASSOCIATIONS.values())
    cutoff = TODAY - datetime.timedelta(days=365)
    return {
        "total": len(specs),
        "municipality": Counter(spec["municipality"] for spec in specs),
        "pairs": Counter(
            (spec["municipality"], category) for spec in specs for category in spec["categories"] or [None]
        ),
        "category": Counter(category for spec in specs for category in spec["categories"]),
        "without_category": sum(1 for spec in specs if not spec["categories"]),
        "target_group": Counter(group for spec in specs for group in spec["target_groups"]),
        "without_target_group": sum(1 for spec in specs if not spec["target_groups"]),
        "language": Counter(code for spec in specs for code in spec["languages"]),
        "decade": Counter(spec["founded"] // 10 * 10 for spec in specs if spec["founded"]),
        "no_founding_year": sum(1 for spec in specs if spec["founded"] is None),
        "members": sum(spec["members"] or 0 for spec in specs),
        "members_reporting": sum(1 for spec in specs if spec["members"] is not None),
        "volunteers": sum(spec["volunteers"] or 0 for spec in specs),
        "volunteers_reporting": sum(1 for spec in specs if spec["volunteers"] is not None),
        "checked": sum(1 for spec in specs if spec["checked"] and spec["checked"] >= cutoff),
    }


def expected_programme_figures():
    years = Counter()
    for _status, (start, end), _keys, _theme in ACTIONS.values():
        years.update(range(start, end + 1))
    by_association = Counter(key for _s, _span, keys, _t in ACTIONS.values() for key in keys)
    municipalities = Counter()
    for _status, _span, keys, _theme in ACTIONS.values():
        municipalities.update({ASSOCIATIONS[key]["municipality"] for key in keys})
    return {
        "total": len(ACTIONS),
        "status": Counter(status for status, *_rest in ACTIONS.values()),
        "theme": Counter(THEMES[theme] for *_rest, theme in ACTIONS.values()),
        "year": years,
        "association": {ASSOCIATIONS[key]["title"]: count for key, count in by_association.items()},
        "municipality": municipalities,
    }


def test_association_figures_match_the_fixture(field, finnish):
    expected = expected_association_figures()
    figures = compute(finnish).associations

    assert figures["total"] == expected["total"]
    by_municipality = {row["code"]: row for row in figures["by_municipality"]}
    assert len(by_municipality) == 19  # every municipality, with zeros
    for code, row in by_municipality.items():
        assert row["count"] == expected["municipality"][code], code
        for slug, count in row["by_category"].items():
            assert count == expected["pairs"][(code, slug)], (code, slug)
        assert row["without_category"] == expected["pairs"][(code, None)]
    assert by_municipality["297"]["name"] == "Kuopio"
    assert {row["slug"]: row["count"] for row in figures["by_category"]} == {
        slug: expected["category"][slug]
        for slug in Category.objects.filter(locale=finnish).values_list("slug", flat=True)
    }
    assert figures["without_category"] == expected["without_category"]
    assert {row["slug"]: row["count"] for row in figures["by_target_group"] if row["count"]} == dict(
        expected["target_group"]
    )
    assert figures["without_target_group"] == expected["without_target_group"]
    assert {row["code"]: row["count"] for row in figures["by_service_language"]} == {
        code: expected["language"][code] for code in ("fi", "sv", "en", "other")
    }
    assert {row["decade"]: row["count"] for row in figures["by_founding_decade"]} == dict(expected["decade"])
    assert figures["founding_year_not_given"] == expected["no_founding_year"]
    assert figures["members"] == {
        "total": expected["members"],
        "associations_reporting": expected["members_reporting"],
    }
    assert figures["volunteers"] == {
        "total": expected["volunteers"],
        "associations_reporting": expected["volunteers_reporting"],
    }
    assert figures["freshness"]["checked_within_12_months"] == expected["checked"]
    assert figures["freshness"]["share_checked"] == round(expected["checked"] / expected["total"], 4)


def test_programme_figures_match_the_fixture(field, finnish):
    expected = expected_programme_figures()
    figures = compute(finnish).programme

    assert figures["total"] == expected["total"]
    assert {row["status"]: row["count"] for row in figures["by_status"] if row["count"]} == dict(
        expected["status"]
    )
    assert {row["title"]: row["count"] for row in figures["by_theme"]} == dict(expected["theme"])
    assert {row["year"]: row["count"] for row in figures["by_year"]} == dict(expected["year"])
    assert {row["title"]: row["count"] for row in figures["by_association"]} == expected["association"]
    assert {row["code"]: row["count"] for row in figures["by_municipality"] if row["count"]} == dict(
        expected["municipality"]
    )


def test_swedish_figures_are_the_same_numbers_with_swedish_names(field, finnish, swedish):
    fi, sv = compute(finnish), compute(swedish)
    assert sv.associations["total"] == fi.associations["total"] == len(ASSOCIATIONS)
    assert [row["count"] for row in sv.associations["by_municipality"] if row["code"] == "140"] == [
        row["count"] for row in fi.associations["by_municipality"] if row["code"] == "140"
    ]
    assert {row["name"] for row in sv.associations["by_municipality"]} >= {"Idensalmi", "Kuopio"}
    assert "Motion och idrott" in {row["name"] for row in sv.associations["by_category"]}
    assert sv.programme["total"] == fi.programme["total"]
    # The Swedish profile of "a" is its name in the Swedish figures.
    titles = {row["title"] for row in sv.programme["by_association"]}
    assert field["swedish_a"].title in titles


def test_computing_takes_a_fixed_number_of_queries(field, finnish, django_assert_max_num_queries):
    compute(finnish)  # taxonomy names are loaded once per process
    for spec in [ASSOCIATIONS["b"]] * 3:
        make_association(field["pages"]["a"].get_parent(), {**spec, "title": f"Lisä {spec['title']}"})
    with django_assert_max_num_queries(17):  # with the view restrictions of the programme's parties
        compute(finnish)


def test_cached_figures_follow_publish_and_unpublish(field, finnish, django_assert_max_num_queries):
    assert cached(finnish).associations["total"] == 4
    # A change that bypasses publishing is not seen: the figures come from the cache.
    AssociationPageFactory._meta.model.objects.filter(pk=field["pages"]["b"].pk).update(member_count=1000)
    with django_assert_max_num_queries(0):
        assert cached(finnish).associations["members"]["total"] == expected_association_figures()["members"]

    new = make_association(field["pages"]["a"].get_parent(), {**ASSOCIATIONS["d"], "title": "Uusi ry"})
    assert cached(finnish).associations["total"] == 5
    new.unpublish()
    assert cached(finnish).associations["total"] == 4


def test_statistics_page_shows_charts_tables_and_summaries(client, statistics_page):
    response = client.get(statistics_page.url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    municipalities = soup.find(id="table-municipalities")
    # The chart's bars each have a text alternative, and the same numbers are in the table.
    bar = municipalities.find("svg", attrs={"aria-label": "Kuopio: 2"})
    assert bar is not None and bar.title.string == "Kuopio: 2"
    region = municipalities.find(attrs={"role": "region"})
    assert region["tabindex"] == "0" and region["aria-labelledby"] == "caption-municipalities"
    rows = {row.th.get_text(strip=True): row.td.get_text(strip=True) for row in region.tbody.find_all("tr")}
    assert rows["Kuopio"] == "2" and rows["Iisalmi"] == "1" and rows["Tervo"] == "0"
    assert municipalities.find(class_="stats-figure__summary").get_text(strip=True)
    assert soup.find(id="table-programme_status") is not None
    assert soup.find("a", href=statistics_page.url + "kunta/297/") is not None


def page_tables(html):
    """{caption: [[cell texts], ...]} of every statistics table on a page."""
    soup = BeautifulSoup(html, "html.parser")
    tables = {}
    for table in soup.find_all("table", class_="stats-table"):
        caption = table.caption.get_text(strip=True).rsplit(" (", 1)[0]
        tables[caption] = [
            [cell.get_text(strip=True) for cell in row.find_all(["th", "td"])] for row in table.find_all("tr")
        ]
    return tables


def as_text(value):
    return "–" if value in (None, "") else str(value)


def test_csv_and_xlsx_hold_the_numbers_of_the_page(client, statistics_page):
    shown = page_tables(client.get(statistics_page.url).content)
    assert len(shown) >= 12

    response = client.get(statistics_page.url + "csv/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows[0]) == 4
    from_csv = {}
    for caption, label, column, value in rows[1:]:
        from_csv[(caption, label, column)] = value
    for caption, table in shown.items():
        headers = table[0]
        for row in table[1:]:
            for column, value in zip(headers[1:], row[1:], strict=True):
                assert as_text(from_csv[(caption, row[0], column)]) == value, (caption, row[0], column)
    municipalities = next(iter(shown))  # the first table: associations by home municipality
    assert from_csv[(municipalities, "Kuopio", shown[municipalities][0][1])] == "2"

    response = client.get(statistics_page.url + "xlsx/")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    from_xlsx = {}
    for sheet in workbook.worksheets:
        values = [list(row) for row in sheet.iter_rows(values_only=True)]
        from_xlsx[values[0][0]] = values[1:]
    for caption, table in shown.items():
        sheet_rows = from_xlsx[caption]
        assert [str(cell) for cell in sheet_rows[0]] == table[0]
        for shown_row, sheet_row in zip(table[1:], sheet_rows[1:], strict=False):
            assert [as_text(cell) for cell in sheet_row] == shown_row, caption


def test_municipality_page_lists_only_its_associations(client, statistics_page, field):
    from home.factories import publish as publish_event
    from news.factories import EventIndexPageFactory, EventPageFactory

    events = publish_event(EventIndexPageFactory(parent=statistics_page.get_parent()))
    soon = timezone.now() + datetime.timedelta(days=10)
    publish_event(
        EventPageFactory(
            parent=events,
            title="Nuorten ilta",
            start=soon,
            end=soon + datetime.timedelta(hours=2),
            organiser_association=field["pages"]["a"],
        )
    )
    publish_event(
        EventPageFactory(
            parent=events,
            title="Seniorien kahvit",
            start=soon,
            end=soon + datetime.timedelta(hours=2),
            organiser_association=field["pages"]["c"],
        )
    )

    response = client.get(statistics_page.url + "kunta/297/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    names = [link.get_text(strip=True) for link in soup.select(".stats-contact__name a")]
    assert names == sorted(spec["title"] for spec in ASSOCIATIONS.values() if spec["municipality"] == "297")
    text = soup.get_text(" ")
    assert "nuoriso@example.fi" in text and "seniorit@example.fi" not in text
    assert "Luonnos ry" not in text
    actions = [link.get_text(strip=True) for link in soup.select(".stats-actions a")]
    assert actions == ["1.1.1 Toimenpide a1", "1.1.2 Toimenpide a2"]
    assert [link.get_text(strip=True) for link in soup.select(".stats-events a")] == ["Nuorten ilta"]

    varkaus = BeautifulSoup(client.get(statistics_page.url + "kunta/915/").content, "html.parser")
    assert [link.get_text(strip=True) for link in varkaus.select(".stats-contact__name a")] == [
        ASSOCIATIONS["d"]["title"]
    ]
    assert client.get(statistics_page.url + "kunta/999/").status_code == 404
    assert client.get(statistics_page.url + "kommun/297/").status_code == 404


def test_municipality_page_in_swedish(client, statistics_page, swedish, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        swedish_page = statistics_page.copy_for_translation(swedish, copy_parents=True)
        publish(swedish_page)
    response = client.get(swedish_page.url + "kommun/140/")
    assert response.status_code == 200
    assert "Idensalmi" in response.content.decode()
    assert client.get(swedish_page.url + "kunta/140/").status_code == 404


def test_statistics_api_gives_the_same_figures(client, field, django_assert_max_num_queries):
    response = client.get("/api/v2/statistics/?locale=fi")
    assert response.status_code == 200
    data = response.json()
    assert set(data) == {"meta", "associations", "programme", "surveys"}
    expected = expected_association_figures()
    assert data["associations"]["total"] == expected["total"]
    assert data["associations"]["members"]["total"] == expected["members"]
    assert {
        row["code"]: row["count"] for row in data["associations"]["by_municipality"] if row["count"]
    } == dict(expected["municipality"])
    assert data["programme"]["total"] == len(ACTIONS)
    assert data["meta"]["download_urls"]["csv"].endswith("/tilastot/csv/")
    versions.bump(versions.CONTENT)  # the figures are computed again, in Swedish
    with django_assert_max_num_queries(22):
        assert client.get("/api/v2/statistics/?locale=sv").status_code == 200
    with django_assert_max_num_queries(2):
        assert client.get("/api/v2/statistics/?locale=fi&x=1").status_code == 400
    assert client.get("/api/v2/statistics/?locale=de").status_code == 404


def test_dashboard_panel_is_for_coordinators(client, field, coordinator, django_user_model):
    from django.contrib.auth.models import Group, Permission

    client.force_login(coordinator)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert b"association-statistics" in response.content

    editor = django_user_model.objects.create_user("toimittaja", "t@example.fi", "salasana-123")
    editors = Group.objects.get(name="Yhdistysten toimittajat")
    editor.groups.add(editors)
    if not editors.permissions.filter(codename="access_admin").exists():
        editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert b"association-statistics" not in response.content


def test_page_and_municipality_page_queries_do_not_grow(
    client, statistics_page, field, django_assert_max_num_queries
):
    parent = field["pages"]["a"].get_parent()
    client.get(statistics_page.url)  # taxonomy names and figures are now cached
    for number in range(6):
        make_association(parent, {**ASSOCIATIONS["a"], "title": f"Lisä {number} ry"})
    client.get(statistics_page.url)
    # Serving, menus, settings and the hreflang links (two); the figures are cached.
    with django_assert_max_num_queries(17):
        assert client.get(statistics_page.url).status_code == 200
    # The same with 2 or 200 associations: no query per row (one reads the view restrictions).
    with django_assert_max_num_queries(27):
        assert client.get(statistics_page.url + "kunta/297/").status_code == 200
