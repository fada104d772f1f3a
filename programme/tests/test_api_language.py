"""The programmes API answers in the language asked for with ?locale=, whatever the request's
Accept-Language, and a cached answer in one language is never served for another."""

import pytest
from django.utils import translation

from programme.blocks import ACTION_STATUSES
from programme.tests.test_api import _action, _goal, _programme, _theme

pytestmark = pytest.mark.django_db


def label(status, language):
    with translation.override(language):
        return str(dict(ACTION_STATUSES)[status])


@pytest.fixture
def programme(home_page):
    return _programme(
        home_page,
        [_theme("Osallisuus", _goal("Äänemme kuuluu", _action("Foorumi", "done", (2025, 4), (2028, 4))))],
    )


def status_label(response):
    return response.json()["items"][0]["themes"][0]["goals"][0]["actions"][0]["status_label"]


@pytest.mark.parametrize("cached", [False, True], ids=["uncached", "cached"])
def test_labels_follow_the_locale_not_the_first_requesters_language(client, programme, request, cached):
    if cached:
        request.getfixturevalue("api_cache")
    assert label("done", "fi") != label("done", "sv")  # the catalogue is compiled

    swedish_browser = client.get("/api/v2/programmes/", {"locale": "fi"}, HTTP_ACCEPT_LANGUAGE="sv")
    assert status_label(swedish_browser) == label("done", "fi")
    plain = client.get("/api/v2/programmes/", {"locale": "fi"})
    assert status_label(plain) == label("done", "fi")
