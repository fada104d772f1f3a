"""One client address for every per-address limit (home/client_ip.py): behind API_PROXIES trusted proxies
the client named by them, without proxies REMOTE_ADDR whatever X-Forwarded-For claims."""

import pytest
from django.test import RequestFactory

from home.client_ip import client_ip

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"


def statuses(client, count, **headers):
    return [client.get("/api/v2/categories/", **headers).status_code for _ in range(count)]


def test_api_clients_behind_the_proxy_are_limited_one_by_one(client, api_rate_limit, settings):
    settings.API_PROXIES = 1
    first = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "198.51.100.7"}
    second = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "198.51.100.8"}
    assert statuses(client, 4, **first) == [200, 200, 200, 429]
    assert statuses(client, 1, **second) == [200]
    # What a client writes to the left of the proxy's entry is not believed.
    spoofed = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "203.0.113.1, 198.51.100.7"}
    assert statuses(client, 1, **spoofed) == [429]


def test_forwarded_for_without_proxies_is_ignored_by_the_api_limit(client, api_rate_limit, settings):
    settings.API_PROXIES = 0
    answers = [
        client.get("/api/v2/categories/", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code
        for n in range(4)
    ]
    assert answers == [200, 200, 200, 429]


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "198.51.100.7", "192.0.2.1"),
        (1, "198.51.100.7", "198.51.100.7"),
        (1, "203.0.113.1, 198.51.100.7", "198.51.100.7"),
        (2, "203.0.113.1, 198.51.100.7, 10.0.0.3", "198.51.100.7"),
        (1, "[2001:db8::7]:4711", "2001:db8::7"),
        (1, "not-an-address", "192.0.2.1"),
        (2, "198.51.100.7", "192.0.2.1"),  # shorter than the proxies say: the header is not believed
        (1, "", "192.0.2.1"),
        (1, "198.51.100.7:8080", "198.51.100.7"),
        # A client's unclosed quote must not hide the entries our proxies add (django-ipware's lenient
        # parser took the client's own 9.9.9.9 for these).
        (1, '9.9.9.9, ", 198.51.100.7', "198.51.100.7"),
        (1, 'for=9.9.9.9;x=", 198.51.100.7', "198.51.100.7"),
        (2, '9.9.9.9, 1.1.1.1, ", 198.51.100.7, 10.0.0.3', "198.51.100.7"),
        (1, '9.9.9.9, "', "192.0.2.1"),
    ],
)
def test_client_ip(settings, proxies, forwarded, expected):
    settings.API_PROXIES = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected
