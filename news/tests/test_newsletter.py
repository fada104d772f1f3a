"""The newsletter: double opt-in through the real outbox, one-click unsubscribe, sending that resumes
without duplicates, and the coordinators' admin."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail, signing
from django.core.management import CommandError, call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from news.models import NewsletterDelivery, NewsletterIssue, Subscriber
from news.newsletter.sending import send_issue
from news.newsletter.tokens import CONFIRM_SALT, confirm_token, manage_token

pytestmark = pytest.mark.django_db
FLAKY = "news.tests.mail_backends.FailAfterBackend"


def _link(body, marker):
    return next(word for word in body.split() if marker in word)


def _path(url):
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


@pytest.fixture
def issue(finnish):
    return NewsletterIssue.objects.create(
        subject="Uutiskirje 1/2027", introduction="Tervetuloa!", locale=finnish
    )


def _subscriber(email, language="fi", **fields):
    return Subscriber.objects.create(email=email, language=language, confirmed_at=timezone.now(), **fields)


def test_subscribe_confirm_receive_and_unsubscribe(client, home_page, issue):
    response = client.post(
        "/fi/newsletter/",
        {"email": " Maija@Example.fi ", "language": "fi", "categories": ["liikunta"], "consent": "on"},
    )
    assert response.status_code == 302
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "maija@example.fi"
    assert subscriber.confirmed_at is None
    assert subscriber.categories == ["liikunta"]
    # Nothing is sent before the confirmation.
    assert send_issue(issue)["sent"] == 0

    assert len(mail.outbox) == 1
    confirm = _link(mail.outbox[0].body, "/newsletter/confirm/")
    assert client.get(_path(confirm)).status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at is not None  # the time of consent

    mail.outbox.clear()
    assert send_issue(issue)["sent"] == 1
    message = mail.outbox[0]
    assert message.to == ["maija@example.fi"]
    assert message.subject == "Uutiskirje 1/2027"
    html = message.alternatives[0][0]
    assert "Tervetuloa!" in html and "Tervetuloa!" in message.body
    unsubscribe = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe in html and unsubscribe in message.body

    # One click from the mail program: a POST without a CSRF token.
    csrf_client = client.__class__(enforce_csrf_checks=True)
    response = csrf_client.post(_path(unsubscribe), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.unsubscribed_at is not None
    second = NewsletterIssue.objects.create(subject="2/2027", locale=issue.locale)
    assert send_issue(second)["sent"] == 0


def test_opening_the_unsubscribe_link_only_asks(client, home_page):
    subscriber = _subscriber("a@example.fi")
    response = client.get(f"/fi/newsletter/unsubscribe/{manage_token(subscriber)}/")
    assert response.status_code == 200
    assert "<form" in response.text
    subscriber.refresh_from_db()
    assert subscriber.unsubscribed_at is None


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"email": "ei-osoite", "language": "fi", "consent": "on"}, "email"),
        ({"email": "a@example.fi", "language": "fi"}, "consent"),
        ({"email": "a@example.fi", "language": "de", "consent": "on"}, "language"),
        (
            {"email": "a@example.fi", "language": "fi", "categories": ["ei-ole"], "consent": "on"},
            "categories",
        ),
    ],
)
def test_bad_input_shows_the_error_and_keeps_the_input(client, home_page, data, field):
    response = client.post("/fi/newsletter/", data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert 'value="' + data["email"] + '"' in response.text
    assert not Subscriber.objects.exists()
    assert not mail.outbox


def test_second_subscription_changes_nothing(client, home_page):
    subscriber = _subscriber("a@example.fi", categories=["liikunta"])
    response = client.post("/fi/newsletter/", {"email": "a@example.fi", "language": "sv", "consent": "on"})
    assert response.status_code == 302
    subscriber.refresh_from_db()
    assert (subscriber.language, subscriber.categories) == ("fi", ["liikunta"])
    assert Subscriber.objects.count() == 1
    assert len(mail.outbox) == 1
    assert "/newsletter/preferences/" in mail.outbox[0].body


def test_expired_and_tampered_confirmation_links(client, home_page):
    subscriber = Subscriber.objects.create(email="a@example.fi")

    class Yesterweek(signing.TimestampSigner):
        def timestamp(self):
            return signing.b62_encode(int(timezone.now().timestamp()) - 8 * 24 * 60 * 60)

    old = Yesterweek(salt=CONFIRM_SALT).sign_object([subscriber.pk, subscriber.key], compress=True)
    response = client.get(f"/fi/newsletter/confirm/{old}/")
    assert response.status_code == 400
    assert response.context["expired"] is True
    tampered = confirm_token(subscriber)[:-2] + "xx"
    response = client.get(f"/fi/newsletter/confirm/{tampered}/")
    assert response.status_code == 400
    assert response.context["expired"] is False
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at is None


def test_an_old_confirmation_link_does_not_confirm_a_new_subscription(client, home_page):
    data = {"email": "a@example.fi", "language": "fi", "consent": "on"}
    client.post("/fi/newsletter/", data)
    first_link = _path(_link(mail.outbox[-1].body, "/newsletter/confirm/"))
    assert client.get(first_link).status_code == 200
    subscriber = Subscriber.objects.get()
    client.post(f"/fi/newsletter/unsubscribe/{manage_token(subscriber)}/")

    # The address subscribes again (perhaps by someone else): only the new link gives consent.
    client.post("/fi/newsletter/", data)
    second_link = _path(_link(mail.outbox[-1].body, "/newsletter/confirm/"))
    assert second_link != first_link
    assert client.get(first_link).status_code == 400
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at is None and not subscriber.is_active
    assert client.get(second_link).status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.is_active


def test_links_of_a_deleted_subscriber_stop_working(client, home_page):
    subscriber = _subscriber("a@example.fi")
    token = manage_token(subscriber)
    subscriber.delete()
    Subscriber.objects.create(email="a@example.fi")
    assert client.get(f"/fi/newsletter/preferences/{token}/").status_code == 400


def test_preferences_change_from_the_link(client, home_page):
    subscriber = _subscriber("a@example.fi")
    url = f"/sv/newsletter/preferences/{manage_token(subscriber)}/"
    response = client.post(url, {"language": "sv", "municipalities": ["297", "140"]})
    assert response.status_code == 200
    assert response.context["saved"] is True
    subscriber.refresh_from_db()
    assert (subscriber.language, subscriber.municipalities) == ("sv", ["140", "297"])
    bad = client.post(url, {"language": "sv", "municipalities": ["999"]})
    assert "municipalities" in bad.context["form"].errors
    subscriber.refresh_from_db()
    assert subscriber.municipalities == ["140", "297"]


def test_honeypot_and_rate_limit(client, home_page, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    trap = {"email": "bot@example.fi", "language": "fi", "consent": "on", "website_url": "http://spam"}
    assert client.post("/fi/newsletter/", trap).status_code == 302
    assert not Subscriber.objects.exists()
    for n in range(5):
        client.post("/fi/newsletter/", {"email": f"n{n}@example.fi", "language": "fi", "consent": "on"})
    response = client.post("/fi/newsletter/", {"email": "n9@example.fi", "language": "fi", "consent": "on"})
    assert response.status_code == 429
    assert not Subscriber.objects.filter(email="n9@example.fi").exists()


def test_recipients_by_language_and_interests(issue, swedish):
    from associations.models import Category

    everything = _subscriber("kaikki@example.fi")
    sport = _subscriber("liikunta@example.fi", categories=["liikunta"])
    culture = _subscriber("kulttuuri@example.fi", categories=["kulttuuri"])
    _subscriber("ruotsi@example.fi", language="sv")
    Subscriber.objects.create(email="vahvistamaton@example.fi")
    issue.topic_categories.set([Category.objects.get(slug="liikunta", locale=issue.locale)])
    issue.save()
    send_issue(issue)
    assert sorted(message.to[0] for message in mail.outbox) == [everything.email, sport.email]
    assert culture.email not in [message.to[0] for message in mail.outbox]


def test_sending_resumes_without_duplicates(issue):
    for n in range(7):
        _subscriber(f"t{n}@example.fi")
    assert send_issue(issue, stop_after=3)["sent"] == 3
    assert send_issue(issue)["sent"] == 7
    assert send_issue(issue)["sent"] == 7
    assert sorted(message.to[0] for message in mail.outbox) == sorted(f"t{n}@example.fi" for n in range(7))


def test_failures_are_recorded_and_retried_once(issue, settings):
    for n in range(6):
        _subscriber(f"t{n}@example.fi")
    settings.EMAIL_BACKEND = FLAKY
    settings.MAIL_FAIL_AFTER = 4  # the mail server fails from the fifth message on
    counts = send_issue(issue)
    assert (counts["sent"], counts["failed"]) == (4, 2)
    failed = NewsletterDelivery.objects.filter(status=NewsletterDelivery.FAILED)
    assert all("refused" in delivery.error for delivery in failed)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox.clear()
    assert send_issue(issue)["failed"] == 2  # a plain rerun does not resend failures
    assert not mail.outbox
    counts = send_issue(issue, retry_failed=True)
    assert (counts["sent"], counts["failed"]) == (6, 0)
    assert len(mail.outbox) == 2


def test_an_interrupted_row_is_not_sent_again_unless_asked(issue):
    first = _subscriber("a@example.fi")
    _subscriber("b@example.fi")
    send_issue(issue, stop_after=0)
    NewsletterDelivery.objects.filter(subscriber=first).update(status=NewsletterDelivery.SENDING)
    assert send_issue(issue)["sending"] == 1
    assert [message.to[0] for message in mail.outbox] == ["b@example.fi"]
    assert send_issue(issue, retry_interrupted=True)["sent"] == 2


def test_send_newsletter_command(issue, capsys):
    _subscriber("a@example.fi")
    call_command("send_newsletter", str(issue.pk))
    assert "1 sent" in capsys.readouterr().out
    with pytest.raises(CommandError, match="No newsletter issue with id 999"):
        call_command("send_newsletter", "999")
    with pytest.raises(CommandError, match="must be a number"):
        call_command("send_newsletter", "x")
    assert len(mail.outbox) == 1


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("toimittaja", "t@example.fi", "salasana-123")
    user.groups.add(Group.objects.get(name="Yhdistysten toimittajat"))
    return user


def test_coordinator_sends_a_test_and_the_issue(client, coordinator, issue, run_worker):
    _subscriber("a@example.fi")
    client.force_login(coordinator)
    url = f"/admin/newsletter/{issue.pk}/send/"
    assert client.get(url).status_code == 200
    client.post(url, {"action": "test"})
    assert [message.to for message in mail.outbox] == [["koordinaattori@example.fi"]]
    assert mail.outbox[0].subject.startswith("[TEST]")
    client.post(url, {"action": "send"})  # not confirmed: nothing goes out
    run_worker()
    assert len(mail.outbox) == 1
    client.post(url, {"action": "send", "confirm": "yes"})
    assert len(mail.outbox) == 1  # the web request only queued it
    run_worker()
    assert [message.to for message in mail.outbox][1:] == [["a@example.fi"]]
    assert NewsletterDelivery.objects.get().status == NewsletterDelivery.SENT
    # Pressing Send again queues another task that finds nobody left to send to.
    client.post(url, {"action": "send", "confirm": "yes"})
    run_worker()
    assert len(mail.outbox) == 2
    sends = DBTaskResult.objects.filter(task_path="news.tasks.send_newsletter_issue")
    assert list(sends.values_list("status", flat=True)) == ["SUCCESSFUL", "SUCCESSFUL"]


def test_coordinator_previews_exports_and_deletes(client, coordinator, issue):
    subscriber = _subscriber("poistettava@example.fi")
    client.force_login(coordinator)
    # The admin's preview posts the form being edited, then shows the email built from it.
    preview_url = f"/admin/snippets/news/newsletterissue/preview/{issue.pk}/"
    posted = client.post(
        preview_url, {"subject": "Luonnos 2/2027", "introduction": "Hei!", "content-count": "0"}
    )
    assert posted.json()["is_valid"] is True
    preview = client.get(preview_url)
    assert preview.status_code == 200
    assert "Luonnos 2/2027" in preview.text and "/newsletter/unsubscribe/" not in preview.text
    export = client.get("/admin/snippets/news/subscriber/?export=csv")
    assert export.status_code == 200
    assert "poistettava@example.fi" in b"".join(export.streaming_content).decode()
    response = client.post(f"/admin/snippets/news/subscriber/delete/{subscriber.pk}/")
    assert response.status_code == 302
    assert not Subscriber.objects.exists()


def test_association_editors_cannot_reach_the_newsletter(client, editor, issue):
    client.force_login(editor)
    for url in (
        f"/admin/newsletter/{issue.pk}/send/",
        "/admin/snippets/news/subscriber/",
        f"/admin/snippets/news/newsletterissue/edit/{issue.pk}/",
    ):
        assert client.get(url).status_code in (302, 403), url
