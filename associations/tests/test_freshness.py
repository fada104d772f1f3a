"""Profiles nobody has checked in 12 months: the admin report, the dashboard panel and the reminders."""

import datetime
from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.utils import timezone

from associations.factories import AssociationPageFactory
from associations.invitations import invite_editor
from associations.views import stale_associations

pytestmark = pytest.mark.django_db

REPORT_URL = "/admin/reports/stale-associations/"


def days_ago(days):
    return timezone.localdate() - datetime.timedelta(days=days)


@pytest.fixture
def profiles(association_index):
    def make(title, last_checked, live=True):
        page = AssociationPageFactory(
            parent=association_index, title=title, last_checked=last_checked, live=live
        )
        if live:
            page.save_revision().publish()
        return page

    return {
        "never": make("Ei koskaan tarkistettu ry", None),
        "old": make("Vanhentunut yhdistys ry", days_ago(400)),
        "fresh": make("Tuore yhdistys ry", days_ago(100)),
        "borderline": make("Juuri vuoden vanha ry", days_ago(365)),
        "draft": make("Luonnosyhdistys ry", None, live=False),
    }


def test_stale_means_never_or_over_a_year_ago(profiles, swedish, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        translation = profiles["old"].copy_for_translation(swedish, copy_parents=True)
        translation.save_revision().publish()
    assert [page.title for page in stale_associations()] == [
        "Ei koskaan tarkistettu ry",
        "Vanhentunut yhdistys ry",
    ]
    assert all(page.is_stale for page in stale_associations())


def test_report_lists_only_stale_profiles_for_a_coordinator(client, profiles, coordinator):
    invite_editor(profiles["old"], "vanha@example.fi")
    client.force_login(coordinator)
    response = client.get(REPORT_URL)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    rows = [row.get_text(" ", strip=True) for row in soup.select("table tbody tr")]
    assert len(rows) == 2
    assert "Ei koskaan tarkistettu ry" in rows[0]
    assert "Vanhentunut yhdistys ry" in rows[1]
    assert days_ago(400).strftime("%-d.%-m.%Y") in rows[1]
    assert "vanha@example.fi" in rows[1]
    assert soup.find("a", href=f"/admin/pages/{profiles['old'].pk}/edit/")
    assert "Tuore yhdistys ry" not in response.text
    assert "Luonnosyhdistys ry" not in response.text

    results = client.get(f"{REPORT_URL}results/")
    assert results.status_code == 200
    assert "Vanhentunut yhdistys ry" in results.text


def test_report_downloads(client, profiles, coordinator):
    client.force_login(coordinator)
    response = client.get(REPORT_URL, {"export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    csv = b"".join(response.streaming_content).decode()
    lines = csv.strip().splitlines()
    assert len(lines) == 3
    assert "Vanhentunut yhdistys ry" in csv
    assert days_ago(400).isoformat() in csv
    assert "Tuore yhdistys ry" not in csv

    response = client.get(REPORT_URL, {"export": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_report_is_for_coordinators_only(client, profiles, coordinator, django_user_model):
    editor = invite_editor(profiles["old"], "vanha@example.fi").user
    client.force_login(editor)
    assert client.get(REPORT_URL).status_code in (302, 403)
    assert REPORT_URL not in client.get("/admin/").text

    client.force_login(coordinator)
    assert REPORT_URL in client.get("/admin/").text  # in the Reports menu and the panel


def test_dashboard_panel_shows_count_and_oldest(client, profiles, superuser):
    client.force_login(superuser)
    response = client.get("/admin/")
    assert response.status_code == 200
    panel = BeautifulSoup(response.content, "html.parser").find(id="stale-associations-section")
    text = panel.get_text(" ", strip=True)
    assert "2" in text
    assert "Ei koskaan tarkistettu ry" in text and "Vanhentunut yhdistys ry" in text
    assert "Tuore yhdistys ry" not in text
    assert panel.find("a", href=f"/admin/pages/{profiles['never'].pk}/edit/")
    assert panel.find("a", href=REPORT_URL)


def test_remind_emails_each_stale_associations_editors_once(profiles, mailoutbox):
    invite_editor(profiles["old"], "eka@example.fi")
    invite_editor(profiles["old"], "toka@example.fi")
    invite_editor(profiles["fresh"], "tuore@example.fi")
    mailoutbox.clear()

    out = StringIO()
    call_command("remind_stale_associations", stdout=out)

    [email] = mailoutbox
    assert sorted(email.to) == ["eka@example.fi", "toka@example.fi"]
    assert "Vanhentunut yhdistys ry" in email.subject
    assert f"http://testserver/admin/pages/{profiles['old'].pk}/edit/" in email.body
    assert profiles["old"].full_url in email.body
    output = out.getvalue()
    assert "Vanhentunut yhdistys ry" in output
    assert "Ei koskaan tarkistettu ry" in output  # listed as having no editors
    assert "Tuore yhdistys ry" not in output


def test_remind_dry_run_sends_nothing(profiles, mailoutbox):
    invite_editor(profiles["old"], "eka@example.fi")
    mailoutbox.clear()
    out = StringIO()
    call_command("remind_stale_associations", "--dry-run", stdout=out)
    assert not mailoutbox
    assert "eka@example.fi" in out.getvalue()
    assert "Vanhentunut yhdistys ry" in out.getvalue()


@pytest.mark.parametrize("extra", [0, 10])
def test_report_query_count_does_not_grow_with_rows(
    client, profiles, coordinator, association_index, django_assert_max_num_queries, extra
):
    for number in range(extra):
        page = AssociationPageFactory(parent=association_index, title=f"Lisäyhdistys {number} ry")
        invite_editor(page, f"lisa{number}@example.fi")
    client.force_login(coordinator)
    # 15, and two of Wagtail's Forms menu item, which asks whether there are form pages (the surveys).
    with django_assert_max_num_queries(17):
        assert client.get(REPORT_URL).status_code == 200
