"""A visitor subscribes to the newsletter and confirms with the link from the email (double opt-in)."""

import re

from e2e.conftest import text_of


def test_visitor_subscribes_and_confirms_with_the_emailed_link(page, live_site):
    address = "tilaaja.e2e@example.fi"
    page.goto("/fi/newsletter/")
    page.get_by_label("Sähköpostiosoite").fill(address)
    page.locator("input[name=consent]").check()
    page.get_by_role("button", name="Tilaa").click()
    page.wait_for_url(re.compile(r"/fi/newsletter/thanks/$"))

    message = live_site.wait_for_email(address)
    link = re.search(r"https?://\S+/newsletter/confirm/\S+/", text_of(message))
    assert link, f"No confirmation link in:\n{text_of(message)}"
    assert link[0].startswith(live_site.url)

    page.goto(link[0])
    page.get_by_role("heading", name="Tilaus vahvistettu").wait_for()
    confirmed = live_site.python(
        "from news.models import Subscriber; "
        f"print(Subscriber.objects.get(email='{address}').confirmed_at is not None)"
    )
    assert confirmed.strip() == "True"
