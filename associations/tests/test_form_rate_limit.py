"""The public forms' rate limit: per client address behind the trusted proxies (API_PROXIES), never per
proxy, never by a header a client sends itself, and not used up by posts that fill the honeypot."""

import pytest

from associations.factories import AssociationPageFactory
from associations.models import OutdatedInfoReport
from home.public_forms import RATE_LIMIT

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"


@pytest.fixture
def report_url(association_index):
    page = AssociationPageFactory(parent=association_index, title="Kuopion Kuoro ry", slug="kuopion-kuoro")
    page.save_revision().publish()
    return f"/fi/associations/{page.pk}/report/"


def report(client, url, number, **headers):
    return client.post(url, {"message": f"Puhelinnumero on vaihtunut ({number})."}, **headers)


def test_visitors_behind_the_proxy_are_limited_one_by_one(client, report_url, settings):
    settings.API_PROXIES = 1
    bot = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "198.51.100.7"}
    for number in range(RATE_LIMIT):
        assert report(client, report_url, number, **bot).status_code == 302
    assert report(client, report_url, 99, **bot).status_code == 429

    # Another visitor comes through the same proxy; a claim the bot adds to the left changes nothing.
    visitor = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "198.51.100.8"}
    assert report(client, report_url, 100, **visitor).status_code == 302
    spoofed = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "203.0.113.9, 198.51.100.7"}
    assert report(client, report_url, 101, **spoofed).status_code == 429
    assert OutdatedInfoReport.objects.count() == RATE_LIMIT + 1


def test_forwarded_for_is_ignored_without_proxies(client, report_url, settings):
    settings.API_PROXIES = 0
    for number in range(RATE_LIMIT):
        forwarded = {"HTTP_X_FORWARDED_FOR": f"198.51.100.{number + 1}"}
        assert report(client, report_url, number, **forwarded).status_code == 302
    fresh_claim = {"HTTP_X_FORWARDED_FOR": "203.0.113.50"}
    assert report(client, report_url, 99, **fresh_claim).status_code == 429


def test_honeypot_posts_do_not_use_up_a_visitors_limit(client, report_url):
    for _ in range(RATE_LIMIT + 2):
        trap = client.post(report_url, {"message": "Osta halvalla", "website_url": "http://spam.example"})
        assert trap.status_code == 302
    assert not OutdatedInfoReport.objects.exists()
    assert report(client, report_url, 1).status_code == 302
    assert OutdatedInfoReport.objects.count() == 1


def test_honeypot_registrations_do_not_use_up_a_visitors_limit(
    client, association_index, django_capture_on_commit_callbacks
):
    data = {
        "name": "Tervon Kyläyhdistys ry",
        "business_id": "0737546-2",
        "home_municipality": "844",
        "categories": ["kylatoiminta"],
        "summary": "Kylätalon tapahtumia ja talkoita Tervossa.",
        "email": "kylayhdistys@example.fi",
        "contact_name": "Maija Meikäläinen",
        "consent": "on",
        "website_url": "",
    }
    for _ in range(RATE_LIMIT + 2):
        trap = client.post("/fi/associations/register/", {**data, "website_url": "http://spam.example"})
        assert trap.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/fi/associations/register/", data)
    assert response.status_code == 302
    assert response["Location"] == "/fi/associations/register/thanks/"
