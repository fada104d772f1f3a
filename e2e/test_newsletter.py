"""A visitor subscribes to the newsletter and confirms with the link from the email (double opt-in); a
coordinator then sends an issue from the admin, and the background worker delivers it."""

import re

from e2e.conftest import text_of

ADDRESS = "tilaaja.e2e@example.fi"
COORDINATOR = ("uutiskirje.e2e", "uutiskirje.e2e@example.fi", "Postikyyhky-Kuopio-2026")


def test_visitor_subscribes_and_confirms_with_the_emailed_link(page, live_site):
    page.goto("/fi/newsletter/")
    page.get_by_label("Sähköpostiosoite").fill(ADDRESS)
    page.locator("input[name=consent]").check()
    page.get_by_role("button", name="Tilaa").click()
    page.wait_for_url(re.compile(r"/fi/newsletter/thanks/$"))

    message = live_site.wait_for_email(ADDRESS)
    link = re.search(r"https?://\S+/newsletter/confirm/\S+/", text_of(message))
    assert link, f"No confirmation link in:\n{text_of(message)}"
    assert link[0].startswith(live_site.url)

    page.goto(link[0])
    page.get_by_role("heading", name="Tilaus vahvistettu").wait_for()
    confirmed = live_site.python(
        "from news.models import Subscriber; "
        f"print(Subscriber.objects.get(email='{ADDRESS}').confirmed_at is not None)"
    )
    assert confirmed.strip() == "True"


def test_coordinator_sends_an_issue_and_the_worker_delivers_it(page, live_site):
    """The subscriber of the test above (or, run alone, one confirmed here) gets the issue."""
    username, email, password = COORDINATOR
    issue_id = live_site.python(
        "from django.contrib.auth.models import Group, User; from django.utils import timezone; "
        "from wagtail.models import Locale; from news.models import NewsletterIssue, Subscriber; "
        f"Subscriber.objects.get_or_create(email={ADDRESS!r}, "
        "defaults={'language': 'fi', 'confirmed_at': timezone.now()}); "
        f"user = User.objects.create_user({username!r}, {email!r}, {password!r}); "
        "user.groups.add(Group.objects.get(name='Koordinaattorit')); "
        "print(NewsletterIssue.objects.create(subject='Uutiskirje e2e', introduction='Hei tilaajat!', "
        "locale=Locale.objects.get(language_code='fi')).pk)"
    ).strip()
    earlier = len(live_site.emails_to(ADDRESS))

    page.goto("/admin/login/")
    page.get_by_label("Käyttäjätunnus").fill(username)
    page.locator("#id_password").fill(password)
    page.get_by_role("button", name="Kirjaudu sisään").click()
    page.wait_for_url(re.compile(r"/admin/$"))
    page.goto(f"/admin/newsletter/{issue_id}/send/")
    page.locator("#confirm-send").check()
    page.get_by_role("button", name="Lähetä", exact=True).click()
    page.wait_for_url(re.compile(rf"/admin/newsletter/{issue_id}/send/$"))

    message = live_site.wait_for_email(ADDRESS, count=earlier + 1, timeout=30)
    assert message["Subject"] == "Uutiskirje e2e"
    assert "Hei tilaajat!" in text_of(message)
    # The web request only queued the send; the worker process ran it.
    assert ("news.tasks.send_newsletter_issue", "SUCCESSFUL") in live_site.worker_tasks()
    page.reload()
    assert page.locator("tr", has_text="Lähetetty").locator("td").inner_text() != "0"
