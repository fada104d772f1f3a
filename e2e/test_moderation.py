"""A new association goes from the admin through moderation to the public, in the browser, as people do it.

The roles decide who does what: association editors may edit only their own association and may not
publish or translate (wagtail-localize does not check the page, so translating is the coordinators'
job). So a coordinator creates the profile as a draft and invites the association's volunteer; the
volunteer sets a password from the emailed link, fills in the profile in the Finnish admin and submits it
for moderation; the coordinator approves it, translates it into Swedish and publishes the translation. The
public then finds it under /fi/ and /sv/, with an inflected query and by municipality.
"""

import re

import pytest

from e2e.conftest import text_of

COORDINATOR = ("koordinaattori.e2e", "koordinaattori.e2e@example.fi", "Kirjastokortti-2026")
EDITOR_EMAIL = "lukupiiri.e2e@example.fi"
EDITOR_PASSWORD = "Sivunkaantaja-1987"
NAME = "Tervon Lukupiiri ry"
NAME_SV = "Tervo läsecirkel rf"
SUMMARY = "Luemme ja keskustelemme kirjoista joka kuukausi Tervon kirjastossa."
SUMMARY_SV = "Vi läser och diskuterar böcker varje månad i Tervo bibliotek."
PHONE = "040 123 4567"


@pytest.fixture(scope="module")
def coordinator(live_site):
    username, email, password = COORDINATOR
    live_site.python(
        "from django.contrib.auth.models import Group, User; "
        f"user = User.objects.create_user({username!r}, {email!r}, {password!r}, first_name='Kaisa'); "
        "user.groups.add(Group.objects.get(name='Koordinaattorit'))"
    )
    return username, password


@pytest.fixture(scope="module")
def directory_id(live_site):
    return int(
        live_site.python(
            "from associations.models import AssociationIndexPage; "
            "print(AssociationIndexPage.objects.get(locale__language_code='fi').pk)"
        )
    )


def log_in(page, username, password):
    page.goto("/admin/login/")
    page.get_by_label("Käyttäjätunnus").fill(username)
    page.locator("#id_password").fill(password)
    page.get_by_role("button", name="Kirjaudu sisään").click()
    page.wait_for_url(re.compile(r"/admin/$"))


def header_action(page, name):
    page.locator("header").get_by_role("button", name="Toimenpiteet").click()
    page.get_by_role("link", name=name).click()


def message(page):
    return page.locator(".messages").inner_text()


def test_association_from_draft_through_moderation_to_the_public(
    new_page, live_site, coordinator, directory_id
):
    # 1. The coordinator creates the profile as a draft and invites the association's volunteer.
    staff = new_page(viewport={"width": 1280, "height": 900})
    log_in(staff, *coordinator)
    staff.goto(f"/admin/pages/{directory_id}/add_subpage/")
    staff.get_by_role("textbox", name="Otsikko*").fill(NAME)
    staff.get_by_role("textbox", name="Lyhyt kuvaus*").fill("Lukupiiri Tervossa.")
    staff.get_by_role("button", name="Valitse kunta").click()
    chooser = staff.locator(".modal")
    chooser.get_by_role("link", name="Seuraava").click()
    chooser.get_by_role("link", name="Tervo", exact=True).click()
    # Only the Finnish categories are offered on a Finnish page.
    assert staff.get_by_label("Övriga", exact=True).count() == 0
    staff.get_by_label("Sivistys ja koulutus").check()
    staff.get_by_role("button", name="Tallenna luonnos").click()
    staff.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))
    assert "luotu" in message(staff)
    page_id = int(re.search(r"/pages/(\d+)/edit/", staff.url)[1])

    header_action(staff, "Kutsu toimittaja")
    staff.get_by_label("Sähköposti").fill(EDITOR_EMAIL)
    staff.get_by_label("Etunimi").fill("Laura")
    staff.get_by_role("button", name="Lähetä kutsu").click()
    staff.wait_for_url(re.compile(rf"/admin/pages/{page_id}/edit/$"))

    # 2. The volunteer chooses a password from the invitation, fills in the profile and submits it.
    invitation = text_of(live_site.wait_for_email(EDITOR_EMAIL))
    link = re.search(r"https?://\S+/admin/password_reset/\S+", invitation)
    assert link, f"No set-password link in:\n{invitation}"
    volunteer = new_page(viewport={"width": 1280, "height": 900})
    volunteer.goto(link[0])
    volunteer.locator("#id_new_password1").fill(EDITOR_PASSWORD)
    volunteer.locator("#id_new_password2").fill(EDITOR_PASSWORD)
    volunteer.locator("main [type=submit]").click()
    log_in(volunteer, EDITOR_EMAIL, EDITOR_PASSWORD)

    volunteer.goto(f"/admin/pages/{page_id}/edit/")
    volunteer.get_by_role("textbox", name="Lyhyt kuvaus*").fill(SUMMARY)
    volunteer.get_by_role("textbox", name="Puhelin").fill(PHONE)
    volunteer.get_by_role("button", name="Lisää toimintoja").click()
    assert volunteer.get_by_role("button", name="Julkaise").count() == 0  # only coordinators publish
    volunteer.get_by_role("button", name=re.compile("^Lähetä työnkulkuun")).click()
    volunteer.wait_for_url(re.compile(r"/admin/"))
    assert "lähetetty tarkastettavaksi" in message(volunteer), message(volunteer)
    # Nothing is public before a coordinator approves it.
    assert volunteer.request.get(f"{live_site.url}/fi/yhdistykset/tervon-lukupiiri-ry/").status == 404

    # 3. The coordinator approves: the Finnish profile is published with the volunteer's changes.
    staff.goto(f"/admin/pages/{page_id}/edit/")
    staff.get_by_role("button", name="Lisää toimintoja").click()
    staff.get_by_role("button", name="Hyväksy ja julkaise", exact=True).click()
    staff.wait_for_url(re.compile(r"/admin/"))
    public = staff.request.get(f"{live_site.url}/fi/yhdistykset/tervon-lukupiiri-ry/")
    assert public.status == 200 and SUMMARY in public.text()

    # 4. The coordinator translates it into Swedish and publishes the translation.
    staff.goto(f"/admin/pages/{page_id}/edit/")
    header_action(staff, "Käännä")
    staff.get_by_label("ruotsi").check()
    staff.locator("main [type=submit]").click()
    staff.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))
    for source, target in [(NAME, NAME_SV), (SUMMARY, SUMMARY_SV)]:
        exact = re.compile(f"^{re.escape(source)}$")
        segment = staff.locator("li:has(> p)").filter(has=staff.locator("> p", has_text=exact)).first
        segment.get_by_role("button", name="Käännä").click()
        segment.locator("textarea").fill(target)
        segment.get_by_role("button", name="Tallenna").click()
        segment.get_by_role("button", name="Muokkaa").wait_for()
    with staff.expect_navigation():
        staff.get_by_role("button", name="Publish in ruotsi").click()

    # 5. The public sees it in both languages, finds it with an inflected word and by municipality.
    visitor = new_page(viewport={"width": 360, "height": 740}, is_mobile=True)
    visitor.goto("/fi/yhdistykset/tervon-lukupiiri-ry/")
    visitor.get_by_role("heading", level=1, name=NAME).wait_for()
    assert visitor.get_by_text(SUMMARY).count() >= 1
    assert visitor.get_by_text(PHONE).count() >= 1
    visitor.locator("a[hreflang=sv]").first.click()
    visitor.get_by_role("heading", level=1, name=NAME_SV).wait_for()
    assert visitor.url.startswith(f"{live_site.url}/sv/")

    visitor.goto("/fi/yhdistykset/")
    visitor.locator("main input[name=q]").fill("lukupiireistä")  # elative plural of "lukupiiri"
    visitor.locator("main input[name=q]").press("Enter")
    results = visitor.locator("main h3 a")
    results.filter(has_text=NAME).wait_for()
    assert results.all_inner_texts() == [NAME]

    # Narrowed by municipality: still there in Tervo, gone in Kuopio.
    visitor.locator("main summary", has_text="Kunta").click()
    visitor.get_by_label("Tervo", exact=True).check()
    visitor.get_by_role("button", name="Näytä yhdistykset").click()
    visitor.wait_for_function("() => location.search.includes('municipality=844')")
    results.filter(has_text=NAME).wait_for()
    visitor.get_by_label("Tervo", exact=True).uncheck()
    visitor.get_by_label("Kuopio", exact=True).check()
    visitor.get_by_role("button", name="Näytä yhdistykset").click()
    visitor.wait_for_function("() => location.search.includes('municipality=297')")
    results.filter(has_text=NAME).wait_for(state="detached")
