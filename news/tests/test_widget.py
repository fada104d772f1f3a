"""The embeddable list of upcoming events: filters, framing by other sites, errors and the admin code."""

import pytest

from associations.models import Municipality
from home.factories import publish
from news.factories import EventPageFactory, helsinki

pytestmark = pytest.mark.django_db


@pytest.fixture
def events(event_index, latu, tanssi):
    tanssi.home_municipality = Municipality.objects.get(code="140", locale=tanssi.locale)
    publish(tanssi)
    ski = publish(EventPageFactory(parent=event_index, title="Hiihtokoulu", organiser_association=latu))
    dance = publish(
        EventPageFactory(
            parent=event_index,
            title="Tanssi-ilta",
            organiser_association=tanssi,
            start=helsinki(2027, 3, 9, 18, 0),
            end=helsinki(2027, 3, 9, 21, 0),
        )
    )
    return ski, dance


def _titles(response):
    return [row.event.title for row in response.context["occurrences"]]


def test_lists_upcoming_events_and_may_be_framed(client, events):
    response = client.get("/fi/widget/events/")
    assert response.status_code == 200
    assert _titles(response) == ["Hiihtokoulu", "Tanssi-ilta"]
    policy = response["Content-Security-Policy"]
    assert "frame-ancestors *" in policy
    assert "script-src 'self';" in policy  # framable, yet no inline scripts
    assert "X-Frame-Options" not in response
    assert 'target="_top"' in response.text
    assert "<script" not in response.text and "<link" not in response.text  # nothing from elsewhere


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ({"municipality": "297"}, ["Hiihtokoulu"]),
        ({"municipality": "140"}, ["Tanssi-ilta"]),
        ({"limit": "1"}, ["Hiihtokoulu"]),
    ],
)
def test_filters(client, events, query, titles):
    assert _titles(client.get("/fi/widget/events/", query)) == titles


def test_association_filter(client, events, tanssi):
    assert _titles(client.get("/fi/widget/events/", {"association": tanssi.pk})) == ["Tanssi-ilta"]


@pytest.mark.parametrize("query", [{"municipality": "999"}, {"limit": "500"}, {"association": "999999"}])
def test_unknown_filters_are_400_with_a_message(client, events, query):
    response = client.get("/fi/widget/events/", query)
    assert response.status_code == 400
    assert 'role="alert"' in response.text
    assert "frame-ancestors *" in response["Content-Security-Policy"]


def test_admin_gives_the_code_to_copy(client, coordinator, events):
    client.force_login(coordinator)
    response = client.get("/admin/event-widget/", {"language_code": "sv", "municipality": "297"})
    assert response.status_code == 200
    assert "/sv/widget/events/?municipality=297" in response.context["snippet"]
    client.logout()
    assert client.get("/admin/event-widget/").status_code == 302
