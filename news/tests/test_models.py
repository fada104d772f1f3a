"""News items and events as editors make them: validation next to the fields, translation, occurrences."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from home.factories import publish
from news.factories import EventPageFactory, NewsPageFactory, helsinki
from news.models import EventOccurrence, EventPage

pytestmark = pytest.mark.django_db


def errors_of(page):
    with pytest.raises(ValidationError) as caught:
        page.full_clean()
    return caught.value.message_dict


def event(event_index, **fields):
    page = EventPageFactory.build(**fields)
    page.path, page.depth = event_index.path + "0001", event_index.depth + 1
    page.locale = event_index.locale
    return page


def test_a_valid_event_passes(event_index):
    event(event_index).full_clean()


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"end": helsinki(2027, 3, 2, 17, 0)}, "end", "cannot end before it starts"),
        ({"location_name": "", "online_url": ""}, "online_url", "online address"),
        (
            {"registration_deadline": datetime.date(2027, 3, 3)},
            "registration_deadline",
            "after the event starts",
        ),
        ({"is_free": False}, "price", "Give the price"),
        ({"price": 10}, "price", "free event has no price"),
        ({"organiser_name": ""}, "organiser_name", "organiser"),
        ({"repeat": "weekly"}, "repeat_until", "last time"),
        ({"repeat": "weekly", "repeat_until": datetime.date(2027, 3, 1)}, "repeat_until", "before the first"),
        ({"repeat": "weekly", "repeat_until": datetime.date(2030, 1, 1)}, "repeat_until", "two years"),
        (
            {"repeat": "weekly", "repeat_until": datetime.date(2027, 5, 1), "repeat_count": 4},
            "repeat_count",
            "not both",
        ),
        (
            {"repeat": "weekly", "repeat_count": 4, "repeat_weekdays": ["WE"]},
            "repeat_weekdays",
            "chosen weekdays",
        ),
        ({"repeat_count": 4}, "repeat_count", "how the event repeats"),
        ({"repeat": "weekly", "repeat_count": 500}, "repeat_count", "200"),
    ],
)
def test_event_validation_shows_next_to_the_field(event_index, fields, field, message):
    with translation.override("en"):  # the messages as written in the source
        errors = errors_of(event(event_index, **fields))
        assert field in errors, errors
        assert message in " ".join(errors[field])


def test_online_only_event_is_valid(event_index):
    event(event_index, location_name="", online_url="https://meet.example.fi/x").full_clean()


def test_news_image_needs_alt_text_unless_decorative(news_index):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    image = Image.objects.create(title="Kuva", file=get_test_image_file())
    page = NewsPageFactory.build(image=image, image_alt="")
    page.path, page.depth, page.locale = news_index.path + "0001", news_index.depth + 1, news_index.locale
    assert "image_alt" in errors_of(page)
    page.image_decorative = True
    page.full_clean()


def test_occurrences_follow_publishing(event_index):
    page = EventPageFactory(parent=event_index, repeat="weekly", repeat_count=3)
    assert not EventOccurrence.objects.exists()  # a draft has none
    publish(page)
    assert EventOccurrence.objects.filter(event=page).count() == 3
    page.repeat_count = 5
    page.save_revision().publish()
    assert EventOccurrence.objects.filter(event=page).count() == 5
    page.unpublish()
    assert not EventOccurrence.objects.filter(event=page).exists()


def test_swedish_translation_gets_its_own_occurrences_and_shares_times(event_index, latu, translate):
    page = publish(
        EventPageFactory(
            parent=event_index,
            title="Kävelyryhmä",
            repeat="weekly",
            repeat_count=3,
            organiser_association=latu,
        )
    )
    page.tags.add("liikunta")
    page.save_revision().publish()
    translate(event_index, {"Tapahtumat": "Evenemang", "tapahtumat": "evenemang"})
    swedish = translate(page, {"Kävelyryhmä": "Promenadgrupp", "Kylätalo": "Byagården"})
    assert isinstance(swedish, EventPage)
    assert swedish.title == "Promenadgrupp" and swedish.location_name == "Byagården"
    assert swedish.start == page.start and swedish.repeat_count == 3
    assert swedish.organiser_association_id == latu.pk
    assert [tag.slug for tag in swedish.tags.all()] == ["liikunta"]
    assert EventOccurrence.objects.filter(event=swedish, locale=swedish.locale).count() == 3


def test_editors_can_open_the_admin_forms(client, superuser, news_index, event_index):
    client.force_login(superuser)
    news = NewsPageFactory(parent=news_index)
    event = EventPageFactory(parent=event_index, repeat="weekly", repeat_count=3, repeat_weekdays=["TU"])
    for page in (news, event, news_index, event_index):
        assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200
    event_form = client.get(f"/admin/pages/add/news/eventpage/{event_index.pk}/").context["form"]
    news_form = client.get(f"/admin/pages/add/news/newspage/{news_index.pk}/").context["form"]
    # Categories and target groups exist once per language; a Finnish page offers the Finnish ones.
    for form, name in [(event_form, "target_groups"), (event_form, "category"), (news_form, "category")]:
        assert {row.locale.language_code for row in form.fields[name].queryset} == {"fi"}, name


def test_admin_shows_event_errors_next_to_the_fields(client, superuser, event_index):
    client.force_login(superuser)
    response = client.post(
        f"/admin/pages/add/news/eventpage/{event_index.pk}/",
        {
            "title": "Virheellinen",
            "slug": "virheellinen",
            "lead": "Ingressi",
            "start": "2027-03-02 18:00",
            "end": "2027-03-02 17:00",
            "repeat": "weekly",
            "repeat_weekdays": ["WE"],
            "repeat_count": "4",
            "organiser_name": "Kylätoimikunta",
            "location_name": "Kylätalo",
            "is_free": "on",
            "body-count": "0",
            "exception_dates-count": "0",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "end" in form.errors and "repeat_weekdays" in form.errors
    assert not EventPage.objects.filter(title="Virheellinen").exists()
