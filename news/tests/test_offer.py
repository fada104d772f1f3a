"""The public "offer a news item or an event" form: a draft in moderation and an email to the coordinators,
in Finnish and Swedish; honeypot, rate limit, and errors that keep what was typed."""

import datetime

import feedparser
import pytest
from bs4 import BeautifulSoup
from wagtail.models import WorkflowState

from home.public_forms import RATE_LIMIT
from news.models import EventPage, NewsPage
from news.recurrence import HELSINKI

pytestmark = pytest.mark.django_db

URL_FI = "/fi/news/offer/"
URL_SV = "/sv/news/offer/"


def news_data(association, **overrides):
    data = {
        "kind": "news",
        "association": str(association.pk),
        "title": "Latu  avaa talvikauden",
        "lead": "Ladut ovat auki joulusta alkaen.",
        "text": "Ensimmäinen kappale.\n\nToinen <kappale>.",
        "contact_name": "Maija Meikäläinen",
        "contact_email": "maija@example.fi",
        "consent": "on",
        "website_url": "",
    }
    data.update(overrides)
    return data


def event_data(association, **overrides):
    data = news_data(
        association,
        kind="event",
        title="Hiihtokoulu lapsille",
        text="",
        start_date="2027-03-06",
        start_time="10:00",
        end_time="12:00",
        location_name="Väinölänniemen latu",
        post_office="Kuopio",
        is_free="on",
        registration_deadline="2027-03-01",
    )
    data.update(overrides)
    return data


def post(client, capture, data, url=URL_FI):
    with capture(execute=True):
        return client.post(url, data)


def offer_emails(mailoutbox):
    # Wagtail also sends its own "submitted for moderation" email; ours replies to the sender.
    return [message for message in mailoutbox if message.reply_to == ["maija@example.fi"]]


def test_form_is_accessible(client, news_index, event_index, latu):
    response = client.get(URL_FI)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    for name in (
        "title",
        "lead",
        "text",
        "start_date",
        "start_time",
        "location_name",
        "contact_email",
        "consent",
    ):
        field = soup.find(attrs={"name": name})
        assert soup.find("label", attrs={"for": field["id"]}), name
    assert soup.find("option", attrs={"value": str(latu.pk)}).get_text() == "Kuopion Latu ry"
    assert soup.find("input", attrs={"name": "website_url"})["tabindex"] == "-1"


def test_news_offer_lands_as_draft_in_moderation_with_email(
    client, news_index, event_index, latu, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    response = post(client, django_capture_on_commit_callbacks, news_data(latu))
    assert response.status_code == 302
    assert response["Location"] == "/fi/news/offer/thanks/"
    assert client.get(response["Location"]).status_code == 200

    page = NewsPage.objects.get(title="Latu avaa talvikauden")
    assert page.get_parent().pk == news_index.pk
    assert not page.live and page.locale.language_code == "fi"
    assert list(page.related_associations.all()) == [latu]
    assert "<p>Toinen &lt;kappale&gt;.</p>" in str(page.body)
    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS

    [email] = offer_emails(mailoutbox)
    assert email.to == ["koordinaattori@example.fi"]
    assert "Latu avaa talvikauden" in email.subject
    assert f"/admin/pages/{page.pk}/edit/" in email.body
    assert "Maija Meikäläinen" in email.body
    assert client.get("/fi/uutiset/").content.count(b"Latu avaa talvikauden") == 0  # not public yet


def test_event_offer_in_swedish_lands_under_the_swedish_calendar(
    client,
    news_index,
    event_index,
    latu,
    coordinator,
    mailoutbox,
    translate,
    django_capture_on_commit_callbacks,
):
    translate(event_index, {"Tapahtumat": "Evenemang", "tapahtumat": "evenemang"})
    swedish_latu = translate(latu, {"Kuopion Latu ry": "Kuopio Skidspår rf"})
    response = post(
        client,
        django_capture_on_commit_callbacks,
        event_data(swedish_latu, title="Skidskola för barn"),
        url=URL_SV,
    )
    assert response.status_code == 302, response.content
    assert response["Location"] == "/sv/news/offer/thanks/"
    page = EventPage.objects.get(title="Skidskola för barn")
    assert page.locale.language_code == "sv"
    assert page.get_parent().specific.title == "Evenemang"
    assert page.organiser_association_id == swedish_latu.pk
    assert page.start == datetime.datetime(2027, 3, 6, 10, 0, tzinfo=HELSINKI)
    assert page.end == datetime.datetime(2027, 3, 6, 12, 0, tzinfo=HELSINKI)
    assert not page.live
    assert WorkflowState.objects.filter(object_id=str(page.pk), status="in_progress").exists()
    assert len(offer_emails(mailoutbox)) == 1


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"start_date": ""}, "start_date"),
        ({"start_time": ""}, "start_time"),
        ({"location_name": ""}, "location_name"),
        ({"end_time": "09:00"}, "end_time"),
        ({"registration_deadline": "2027-03-07"}, "registration_deadline"),
        ({"is_free": ""}, "price_info"),
        ({"start_date": "6.3.2027x"}, "start_date"),
        ({"association": "999999"}, "association"),
        ({"contact_email": "ei-osoite"}, "contact_email"),
        ({"consent": ""}, "consent"),
    ],
)
def test_invalid_event_offer_shows_errors_next_to_fields_and_keeps_input(
    client, news_index, event_index, latu, overrides, field
):
    data = event_data(latu)
    data.update(overrides)
    response = client.post(URL_FI, data)
    assert response.status_code == 400
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find(id=f"id_{field}_error"), field
    assert soup.find("input", attrs={"name": "title"})["value"] == "Hiihtokoulu lapsille"
    assert soup.find("input", attrs={"name": "location_name"}).get("value", "") == overrides.get(
        "location_name", "Väinölänniemen latu"
    )
    assert soup.find(class_="error-summary")
    assert not EventPage.objects.exists()


def test_news_offer_needs_its_text(client, news_index, event_index, latu):
    response = client.post(URL_FI, news_data(latu, text=" "))
    assert response.status_code == 400
    assert BeautifulSoup(response.content, "html.parser").find(id="id_text_error")


def test_honeypot_creates_nothing(client, news_index, event_index, latu, coordinator, mailoutbox):
    response = client.post(URL_FI, news_data(latu, website_url="http://spam.example"))
    assert response.status_code == 302
    assert not NewsPage.objects.exclude(pk=news_index.pk).exists()
    assert mailoutbox == []


def test_rate_limit_per_address(client, news_index, event_index, latu, django_capture_on_commit_callbacks):
    for number in range(RATE_LIMIT):
        response = post(
            client, django_capture_on_commit_callbacks, news_data(latu, title=f"Uutinen {number}")
        )
        assert response.status_code == 302
    response = client.post(URL_FI, news_data(latu, title="Liikaa"))
    assert response.status_code == 429
    assert not NewsPage.objects.filter(title="Liikaa").exists()
    other = client.post(URL_FI, news_data(latu, title="Toisesta osoitteesta"), REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302


def test_no_listing_is_503_not_500(client, home_page, latu):
    assert client.get(URL_FI).status_code == 503


def test_junk_post_is_400_not_500(client, news_index, event_index):
    response = client.post(URL_FI, {"kind": "other", "association": "x" * 500, "start_time": "25:99"})
    assert response.status_code == 400


@pytest.mark.parametrize("route", ["rss/", "atom/"])
def test_an_approved_offer_titled_with_a_control_character_is_in_the_feeds(
    client, news_index, event_index, latu, django_capture_on_commit_callbacks, route
):
    response = post(client, django_capture_on_commit_callbacks, news_data(latu, title="Control\x01char news"))
    assert response.status_code == 302
    page = NewsPage.objects.get()
    assert page.title == "Controlchar news"  # the control character never got in
    page.get_latest_revision().publish()
    feed = client.get(f"/fi/uutiset/{route}")
    assert feed.status_code == 200
    parsed = feedparser.parse(feed.content)
    assert not parsed.bozo, parsed.bozo_exception
    assert [entry.title for entry in parsed.entries] == ["Controlchar news"]


@pytest.mark.parametrize("field", ["title", "contact_name"])
@pytest.mark.parametrize("value", ["\u200b", "\u200b\u200b", "Latu \u202eyr"])
def test_an_offer_with_an_invisible_or_direction_changing_name_is_refused(
    client, news_index, event_index, latu, django_capture_on_commit_callbacks, field, value
):
    response = post(client, django_capture_on_commit_callbacks, news_data(latu, **{field: value}))
    assert response.status_code == 400
    assert list(response.context["form"].errors) == [field]
    assert BeautifulSoup(response.content, "html.parser").find(attrs={"name": field})["value"] == value
    assert not NewsPage.objects.exists()
