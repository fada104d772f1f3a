"""The public API is cached in the shared cache until content changes, with ETag, Last-Modified and 304s."""

import pytest

from associations.factories import AssociationPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def association(association_index):
    page = AssociationPageFactory(parent=association_index, title="Kuopion Latu ry")
    page.save_revision().publish()
    return page


def titles(response):
    return [item["title"] for item in response.json()["items"]]


def test_headers_and_conditional_requests(client, api_cache, association):
    first = client.get("/api/v2/associations/")
    assert first.status_code == 200 and first["X-Cache"] == "miss"
    assert first["Cache-Control"] == "public, max-age=60"
    assert first["ETag"] and first["Last-Modified"]
    second = client.get("/api/v2/associations/")
    assert second["X-Cache"] == "hit" and second.content == first.content
    assert second["ETag"] == first["ETag"]

    not_modified = client.get("/api/v2/associations/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert not_modified.status_code == 304 and not_modified.content == b""
    since = client.get("/api/v2/associations/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304


def test_cached_answer_needs_no_database(client, api_cache, association, django_assert_num_queries):
    client.get("/api/v2/associations/")
    with django_assert_num_queries(0):
        assert client.get("/api/v2/associations/")["X-Cache"] == "hit"


def test_publish_unpublish_move_and_delete_show_at_once(client, api_cache, association, association_index):
    assert titles(client.get("/api/v2/associations/")) == ["Kuopion Latu ry"]

    association.title = "Kuopion Latu ja Polku ry"
    association.save_revision().publish()
    assert titles(client.get("/api/v2/associations/")) == ["Kuopion Latu ja Polku ry"]

    association.unpublish()
    assert titles(client.get("/api/v2/associations/")) == []

    association.save_revision().publish()
    other = AssociationPageFactory(parent=association_index, title="Iisalmen Seura ry")
    other.save_revision().publish()
    assert len(titles(client.get("/api/v2/associations/"))) == 2
    other.delete()
    assert titles(client.get("/api/v2/associations/")) == ["Kuopion Latu ja Polku ry"]


def test_errors_and_editor_sessions_are_not_cached(client, api_cache, association, admin_client):
    assert client.get("/api/v2/associations/", {"category": "nope"}).status_code == 400
    assert "X-Cache" not in client.get("/api/v2/associations/", {"category": "nope"})
    assert "X-Cache" not in admin_client.get("/api/v2/associations/")


def test_off_when_cache_seconds_is_zero(client, association):
    assert "X-Cache" not in client.get("/api/v2/associations/")


def test_format_and_language_are_part_of_the_key(client, api_cache, association):
    html = client.get("/api/v2/pages/", HTTP_ACCEPT="text/html")
    assert html["Content-Type"].startswith("text/html")
    json = client.get("/api/v2/pages/", HTTP_ACCEPT="application/json")
    assert json["Content-Type"] == "application/json" and json["X-Cache"] == "miss"
    assert json.json()["meta"]["total_count"] >= 1
    assert client.get("/api/v2/pages/", HTTP_ACCEPT="application/json")["X-Cache"] == "hit"

    finnish = client.get("/api/v2/associations/", HTTP_ACCEPT_LANGUAGE="fi")
    swedish = client.get("/api/v2/associations/", HTTP_ACCEPT_LANGUAGE="sv")
    assert (finnish["X-Cache"], swedish["X-Cache"]) == ("miss", "miss")
    assert (finnish["Content-Language"], swedish["Content-Language"]) == ("fi", "sv")
    vary = {value.strip() for value in swedish["Vary"].split(",")}
    assert {"Accept", "Accept-Language", "Origin"} <= vary


def test_cached_answers_count_against_the_rate_limit(client, api_cache, api_rate_limit, association):
    responses = [client.get("/api/v2/associations/") for _ in range(4)]
    assert [response.status_code for response in responses] == [200, 200, 200, 429]
    assert [response.get("X-Cache") for response in responses[:3]] == ["miss", "hit", "hit"]
    refused = responses[-1]
    assert refused["Content-Type"] == "application/json"
    assert "60" in refused.json()["message"] and int(refused["Retry-After"]) > 0
    # One count per request: the view behind a miss did not count it a second time.
    assert client.get("/api/v2/associations/", REMOTE_ADDR="192.0.2.20").status_code == 200


def test_each_request_counts_once_without_the_cache(client, api_rate_limit, association):
    statuses = [client.get("/api/v2/associations/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]


def test_host_is_part_of_the_key(client, api_cache, association, settings):
    """Answers hold absolute links built from the request's address: one host's answer is never served
    to a request for another (a second site, or a proxy giving the public name)."""
    settings.ALLOWED_HOSTS = ["testserver", "other.example"]
    first = client.get("/api/hsds/")
    other = client.get("/api/hsds/", HTTP_HOST="other.example")
    assert (first["X-Cache"], other["X-Cache"]) == ("miss", "miss")
    assert "other.example" not in first.content.decode()
    assert "other.example" in other.content.decode()
