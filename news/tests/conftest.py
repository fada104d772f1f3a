"""Fixtures of the news and events tests: published listings (associations and `translate` are in the root
conftest)."""

import pytest

from home.factories import publish
from news.factories import EventIndexPageFactory, NewsIndexPageFactory


@pytest.fixture
def news_index(home_page):
    return publish(NewsIndexPageFactory(parent=home_page))


@pytest.fixture
def event_index(home_page):
    return publish(EventIndexPageFactory(parent=home_page))
