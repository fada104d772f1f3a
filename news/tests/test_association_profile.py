"""Each association's profile shows its latest news and upcoming events, in a fixed number of queries."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from home.factories import publish
from news.factories import EventPageFactory, NewsPageFactory, helsinki

pytestmark = pytest.mark.django_db

# The whole profile page; the news and events section adds eight (news, events, the two listing pages,
# each with its view restrictions), the programme actions two, the hreflang links two, whatever the number
# of items.
PROFILE_QUERIES = 36


@pytest.fixture
def frozen_now(monkeypatch):
    now = helsinki(2027, 3, 1, 12, 0)
    monkeypatch.setattr(timezone, "now", lambda: now)
    return now


def section(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return soup.find("section", attrs={"aria-labelledby": "news-events-heading"})


def add_news(news_index, association, title, date):
    page = NewsPageFactory(parent=news_index, title=title, date=date)
    page.related_associations = [association]
    return publish(page)


def test_profile_lists_news_and_upcoming_events(client, news_index, event_index, latu, tanssi, frozen_now):
    add_news(news_index, latu, "Ladut auki", datetime.date(2027, 1, 5))
    add_news(news_index, tanssi, "Tanssijoiden uutinen", datetime.date(2027, 1, 6))
    publish(
        EventPageFactory(
            parent=event_index, title="Hiihtokoulu", organiser_association=latu, organiser_name=""
        )
    )
    publish(
        EventPageFactory(
            parent=event_index,
            title="Menneet kisat",
            organiser_association=latu,
            start=helsinki(2027, 2, 1, 10),
            end=helsinki(2027, 2, 1, 12),
        )
    )
    involved = EventPageFactory(
        parent=event_index, title="Yhteislenkki", start=helsinki(2027, 3, 5, 9), end=helsinki(2027, 3, 5, 10)
    )
    involved.related_associations = [latu]
    publish(involved)
    weekly = EventPageFactory(
        parent=event_index,
        title="Sauvakävely",
        organiser_association=latu,
        repeat="weekly",
        repeat_count=10,
        start=helsinki(2027, 3, 3, 18),
        end=helsinki(2027, 3, 3, 19),
    )
    publish(weekly)

    found = section(client.get(latu.url))
    assert found is not None
    events = [item.find("a").get_text() for item in found.find_all("ul")[0].find_all("li")]
    # Next occurrence first; a weekly event once; past events not at all.
    assert events == ["Hiihtokoulu", "Sauvakävely", "Yhteislenkki"]
    news = [item.find("a").get_text() for item in found.find_all("ul")[1].find_all("li")]
    assert news == ["Ladut auki"]
    links = [link["href"] for link in found.find_all("a") if "association=" in link["href"]]
    assert f"/fi/tapahtumat/?association={latu.pk}" in links
    assert f"/fi/tapahtumat/ical/?association={latu.pk}" in links
    assert f"/fi/uutiset/?association={latu.pk}" in links
    # The listing those links lead to shows the same items.
    assert client.get(f"/fi/uutiset/?association={latu.pk}").status_code == 200


def test_profile_without_news_or_events_has_no_section(client, news_index, event_index, latu):
    assert section(client.get(latu.url)) is None


@pytest.mark.parametrize("count", [1, 4])
def test_profile_query_count_does_not_grow_with_items(
    client, news_index, event_index, latu, frozen_now, count, django_assert_max_num_queries
):
    for number in range(count):
        add_news(news_index, latu, f"Uutinen {number}", datetime.date(2027, 1, 1 + number))
        publish(EventPageFactory(parent=event_index, title=f"Tapahtuma {number}", organiser_association=latu))
    client.get(latu.url)  # fills the per-process caches
    with django_assert_max_num_queries(PROFILE_QUERIES):
        response = client.get(latu.url)
    assert len(section(response).find_all("li")) == min(count, 3) + min(count, 5)
