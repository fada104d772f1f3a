"""The public directory: filters, text search, sorting, pagination and pinned query counts."""

import pytest
from bs4 import BeautifulSoup

from associations.factories import AssociationPageFactory
from associations.models import AssociationIndexPage, Category, Municipality, TargetGroup

pytestmark = pytest.mark.django_db


def fi(model, **lookup):
    return model.objects.get(locale__language_code="fi", **lookup)


def titles(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [h3.get_text(strip=True) for h3 in soup.select(".association-card h3")]


@pytest.fixture
def associations(association_index, search_index):
    kuopio, iisalmi, varkaus = (fi(Municipality, code=code) for code in ("297", "140", "915"))
    sport, culture = fi(Category, slug="liikunta"), fi(Category, slug="kulttuuri")
    elderly, youth = fi(TargetGroup, slug="ikaantyneet"), fi(TargetGroup, slug="nuoret")

    def make(title, municipality, categories, groups, languages, **extra):
        page = AssociationPageFactory(
            parent=association_index,
            title=title,
            home_municipality=municipality,
            service_languages=languages,
            **extra,
        )
        page.categories.set(categories)
        page.target_groups.set(groups)
        page.save_revision().publish()
        return page

    pages = {
        "hiihto": make(
            "Kuopion Hiihtoseura ry", kuopio, [sport], [youth], ["fi"], summary="Hiihtoa ja latuja."
        ),
        "teatteri": make("Iisalmen Teatteriyhdistys ry", iisalmi, [culture], [youth], ["fi", "sv"]),
        "seniorit": make("Varkauden Seniorit ry", varkaus, [sport, culture], [elderly], ["fi", "en"]),
    }
    search_index.refresh()
    return pages


def test_lists_all_live_associations_by_name(client, associations):
    response = client.get("/fi/yhdistykset/")
    assert response.status_code == 200
    assert titles(response) == [
        "Iisalmen Teatteriyhdistys ry",
        "Kuopion Hiihtoseura ry",
        "Varkauden Seniorit ry",
    ]
    assert "3 yhdistystä" in response.text


def test_filters_combine(client, associations):
    assert titles(client.get("/fi/yhdistykset/", {"category": "liikunta"})) == [
        "Kuopion Hiihtoseura ry",
        "Varkauden Seniorit ry",
    ]
    assert titles(client.get("/fi/yhdistykset/", {"category": "liikunta", "target_group": "nuoret"})) == [
        "Kuopion Hiihtoseura ry"
    ]
    assert titles(client.get("/fi/yhdistykset/", {"municipality": ["297", "140"]})) == [
        "Iisalmen Teatteriyhdistys ry",
        "Kuopion Hiihtoseura ry",
    ]
    assert titles(client.get("/fi/yhdistykset/", {"language": "sv"})) == ["Iisalmen Teatteriyhdistys ry"]


def test_municipality_filter_includes_other_operating_areas(client, associations):
    associations["seniorit"].other_municipalities.set([fi(Municipality, code="297")])
    associations["seniorit"].save_revision().publish()
    assert titles(client.get("/fi/yhdistykset/", {"municipality": "297"})) == [
        "Kuopion Hiihtoseura ry",
        "Varkauden Seniorit ry",
    ]


def test_text_search_with_filters(client, associations):
    response = client.get("/fi/yhdistykset/", {"q": "hiihtoa"})
    assert titles(response) == ["Kuopion Hiihtoseura ry"]
    assert titles(client.get("/fi/yhdistykset/", {"q": "hiihtoa", "municipality": "140"})) == []


def test_unknown_filter_value_is_400_with_message(client, associations):
    response = client.get("/fi/yhdistykset/", {"municipality": "999"})
    assert response.status_code == 400
    assert "error-summary" in response.text


def test_filtered_url_is_shareable_and_keeps_choices(client, associations):
    response = client.get("/fi/yhdistykset/", {"category": "kulttuuri", "sort": "updated"})
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("input", {"name": "category", "value": "kulttuuri"}).has_attr("checked")
    assert soup.find("option", {"value": "updated"}).has_attr("selected")


def test_drafts_are_not_listed(client, association_index):
    AssociationPageFactory(parent=association_index, title="Luonnosyhdistys", live=False)
    assert titles(client.get("/fi/yhdistykset/")) == []


def test_pagination_survives_bad_page_numbers(client, association_index):
    for number in range(25):
        AssociationPageFactory(parent=association_index, title=f"Yhdistys {number:02d}")
    first = client.get("/fi/yhdistykset/")
    assert len(titles(first)) == 20
    assert 'rel="next" href="?page=2"' in first.text
    assert len(titles(client.get("/fi/yhdistykset/", {"page": "2"}))) == 5
    assert len(titles(client.get("/fi/yhdistykset/", {"page": "x"}))) == 20
    assert len(titles(client.get("/fi/yhdistykset/", {"page": "99"}))) == 5


@pytest.mark.parametrize("count", [10, 100])
def test_query_count_does_not_grow_with_results(
    client, association_index, count, django_assert_num_queries, monkeypatch
):
    culture = fi(Category, slug="kulttuuri")
    for number in range(count):
        page = AssociationPageFactory(parent=association_index, title=f"Yhdistys {number:03d}")
        page.categories.set([culture])
        page.save()
    monkeypatch.setattr(AssociationIndexPage, "RESULTS_PER_PAGE", count)
    client.get("/fi/yhdistykset/")  # the taxonomy names are loaded once per process, then kept
    with django_assert_num_queries(18):
        response = client.get("/fi/yhdistykset/", {"category": "kulttuuri"})
    assert len(titles(response)) == count


def test_directory_links_to_registration(client, association_index):
    response = client.get("/fi/yhdistykset/")
    assert 'href="/fi/associations/register/"' in response.text
