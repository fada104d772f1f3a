"""The admin works under its nonce-based Content-Security-Policy (no 'unsafe-inline' for scripts).

Wagtail renders inline scripts without nonces; sakke_site.middleware gives them the nonce of each
response. This loads the admin views that carry such scripts in Chromium, uses the widgets the scripts
set up, and fails on any CSP violation the browser reports.
"""

import re

import pytest

SUPERUSER = ("csp.e2e", "csp.e2e@example.fi", "Sisaltoturva-2026")


@pytest.fixture(scope="module")
def admin_user(live_site):
    username, email, password = SUPERUSER
    live_site.python(
        "from django.contrib.auth.models import User; "
        f"User.objects.create_superuser({username!r}, {email!r}, {password!r})"
    )
    return username, password


@pytest.fixture(scope="module")
def ids(live_site):
    """Ids of demo pages whose editors carry choosers, date pickers and an inline panel."""
    output = live_site.python(
        "from associations.models import AssociationIndexPage, AssociationPage, AssociationSurveyPage; "
        "from news.models import EventPage, NewsIndexPage, NewsPage; "
        "fi = {'locale__language_code': 'fi'}; "
        "print(AssociationIndexPage.objects.get(**fi).pk, AssociationPage.objects.filter(**fi).first().pk, "
        "EventPage.objects.filter(**fi).first().pk, NewsPage.objects.filter(**fi).first().pk, "
        "AssociationSurveyPage.objects.filter(**fi).first().pk, NewsIndexPage.objects.get(**fi).pk)"
    )
    names = ["directory", "association", "event", "news", "survey", "news_index"]
    return dict(zip(names, map(int, output.split()), strict=True))


@pytest.fixture
def admin(page, admin_user):
    """A logged-in admin page that records the CSP violations the browser reports."""
    page.violations = []
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => "
        "console.log('CSP-VIOLATION ' + e.violatedDirective + ' ' + e.sourceFile + ':' + e.lineNumber))"
    )
    page.on("console", lambda m: page.violations.append(m.text) if "CSP-VIOLATION" in m.text else None)
    page.on("pageerror", lambda error: page.violations.append(f"error: {error}"))
    username, password = admin_user
    page.goto("/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/admin/$"))
    return page


def visit(page, path):
    response = page.goto(path)
    page.wait_for_load_state("networkidle")
    script_src = response.headers["content-security-policy"].split("script-src")[1].split(";")[0]
    assert "'nonce-" in script_src and "'unsafe-inline'" not in script_src


def test_admin_views_run_their_scripts_without_violations(admin, ids):
    for path in [
        "/admin/",
        f"/admin/pages/{ids['directory']}/",
        f"/admin/pages/{ids['association']}/edit/",
        f"/admin/pages/{ids['news']}/edit/",
        f"/admin/pages/add/news/newspage/{ids['news_index']}/",
        "/admin/images/",
        "/admin/users/",
        "/admin/reports/site-history/",
    ]:
        visit(admin, path)
    assert admin.violations == []


def test_admin_widgets_work_under_the_policy(admin, ids):
    # Date and time picker (an inline initDateTimeChooser script).
    visit(admin, f"/admin/pages/{ids['event']}/edit/")
    admin.locator("#id_start").click()
    admin.locator(".xdsoft_datetimepicker:visible").first.wait_for()

    # Image chooser: the modal's HTML arrives as JSON with its own scripts.
    visit(admin, f"/admin/pages/{ids['news']}/edit/")
    admin.locator("[data-chooser-url='/admin/images/chooser/'] [data-chooser-action-choose]").first.click()
    admin.locator(".modal-content input[name=q]").wait_for()

    # Inline panel (the survey's questions): adding a question runs the panel's inline script.
    visit(admin, f"/admin/pages/{ids['survey']}/edit/")
    before = int(admin.input_value("#id_form_fields-TOTAL_FORMS"))
    admin.locator("#id_form_fields-ADD").click()
    assert int(admin.input_value("#id_form_fields-TOTAL_FORMS")) == before + 1
    assert admin.violations == []
