"""Inviting an association's editor, from the command line and from the admin."""

import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.utils import translation
from wagtail.models import GroupCollectionPermission, GroupPagePermission

from associations.factories import AssociationPageFactory

pytestmark = pytest.mark.django_db

SET_PASSWORD_LINK = re.compile(r"http://testserver(/admin/password_reset/confirm/[^/\s]+/[^/\s]+/)")


def t(language, message):
    with translation.override(language):
        return translation.gettext(message)


@pytest.fixture
def association(association_index):
    page = AssociationPageFactory(parent=association_index, title="Leppävirran Latu ry")
    page.save_revision().publish()
    return page


def invite(*args, **options):
    call_command("invite_association_editor", *map(str, args), stdout=options.pop("stdout", None), **options)


def test_command_invites_a_new_user(association, django_user_model, mailoutbox, capsys):
    invite(association.pk, "Latu.Vastaava@Example.FI", first_name="Liisa", last_name="Latu")

    user = django_user_model.objects.get(email="Latu.Vastaava@example.fi")
    assert user.username == "Latu.Vastaava@example.fi"
    assert (user.first_name, user.last_name) == ("Liisa", "Latu")
    assert not user.has_usable_password()
    group_names = set(user.groups.values_list("name", flat=True))
    assert group_names == {"Yhdistysten toimittajat", f"Yhdistys: Leppävirran Latu ry (#{association.pk})"}

    own_group = user.groups.get(name__startswith="Yhdistys:")
    codenames = set(
        GroupPagePermission.objects.filter(group=own_group).values_list("page_id", "permission__codename")
    )
    assert codenames == {(association.pk, "change_page")}
    image_permissions = set(
        GroupCollectionPermission.objects.filter(group__name="Yhdistysten toimittajat").values_list(
            "permission__codename", flat=True
        )
    )
    assert {"add_image", "choose_image"} <= image_permissions

    [email] = mailoutbox
    assert email.to == ["Latu.Vastaava@example.fi"]
    assert "Leppävirran Latu ry" in email.subject
    assert f"http://testserver/admin/pages/{association.pk}/edit/" in email.body
    assert SET_PASSWORD_LINK.search(email.body)
    assert "Latu.Vastaava@example.fi" in capsys.readouterr().out


def test_set_password_link_works(client, association, django_user_model, mailoutbox):
    invite(association.pk, "uusi@example.fi")
    path = SET_PASSWORD_LINK.search(mailoutbox[0].body).group(1)

    response = client.get(path)
    assert response.status_code == 302  # Django moves the token out of the URL into the session
    form_url = response["Location"]
    assert client.get(form_url).status_code == 200
    response = client.post(
        form_url, {"new_password1": "Kuusi-Kanteletarta-42", "new_password2": "Kuusi-Kanteletarta-42"}
    )
    assert response.status_code == 302

    assert client.login(username="uusi@example.fi", password="Kuusi-Kanteletarta-42")
    assert client.get(f"/admin/pages/{association.pk}/edit/").status_code == 200
    # The link works only once.
    assert "set-password" not in client.get(path).get("Location", "")


def test_command_reuses_an_existing_user(association, django_user_model, mailoutbox):
    existing = django_user_model.objects.create_user(
        "liisa", "liisa@example.fi", "Vanha-Salasana-123", first_name="Liisa"
    )
    invite(association.pk, "LIISA@example.fi", first_name="Toinen", last_name="Sukunimi")

    assert django_user_model.objects.count() == 1
    existing.refresh_from_db()
    assert existing.username == "liisa"
    assert existing.first_name == "Liisa"  # never overwritten
    assert existing.last_name == "Sukunimi"  # filled in when empty
    assert existing.check_password("Vanha-Salasana-123")
    assert existing.groups.filter(name=f"Yhdistys: Leppävirran Latu ry (#{association.pk})").exists()
    [email] = mailoutbox
    assert email.to == ["liisa@example.fi"]
    assert not SET_PASSWORD_LINK.search(email.body)
    assert "http://testserver/admin/login/" in email.body

    # Inviting again changes nothing but sends the email again.
    invite(association.pk, "liisa@example.fi")
    assert Group.objects.filter(name__startswith="Yhdistys:").count() == 1
    assert len(mailoutbox) == 2


def test_second_editor_shares_the_group(association, django_user_model):
    invite(association.pk, "eka@example.fi")
    invite(association.pk, "toka@example.fi")
    group = Group.objects.get(name__startswith="Yhdistys:")
    assert set(group.user_set.values_list("username", flat=True)) == {"eka@example.fi", "toka@example.fi"}


def test_swedish_translation_and_swedish_email(
    association, swedish, django_user_model, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        swedish_page = association.copy_for_translation(swedish, copy_parents=True)
    # Either language version's id works; the rights cover both.
    invite(swedish_page.pk, "svensk@example.fi", language="sv")
    group = Group.objects.get(name=f"Yhdistys: Leppävirran Latu ry (#{association.pk})")
    assert set(GroupPagePermission.objects.filter(group=group).values_list("page_id", flat=True)) == {
        association.pk,
        swedish_page.pk,
    }
    [email] = mailoutbox
    with translation.override("sv"):
        expected = translation.gettext("You can now edit %(association)s") % {
            "association": "Leppävirran Latu ry"
        }
    assert email.subject == expected


@pytest.mark.parametrize(
    ("page_id", "message"),
    [
        ("999999", "999999"),
        ("abc", None),
    ],
)
def test_command_rejects_unknown_page_ids(association_index, django_user_model, mailoutbox, page_id, message):
    with pytest.raises(CommandError, match=message):
        invite(page_id, "joku@example.fi")
    assert not django_user_model.objects.exists()
    assert not mailoutbox


def test_command_rejects_pages_that_are_not_associations(association_index, django_user_model, mailoutbox):
    with pytest.raises(CommandError, match="Yhdistykset"):
        invite(association_index.pk, "joku@example.fi")
    assert not django_user_model.objects.exists()


@pytest.mark.parametrize("email", ["ei-osoite", "kaksi@@example.fi", ""])
def test_command_rejects_bad_email(association, django_user_model, mailoutbox, email):
    with pytest.raises(CommandError):
        invite(association.pk, email)
    assert not django_user_model.objects.exists()
    assert not Group.objects.filter(name__startswith="Yhdistys:").exists()
    assert not mailoutbox


def test_command_rejects_unknown_language(association):
    with pytest.raises(CommandError):
        invite(association.pk, "joku@example.fi", language="en")


# --- The admin -------------------------------------------------------------------------------------


def invite_url(page):
    return f"/admin/associations/{page.pk}/invite-editor/"


def test_coordinator_finds_the_invite_button(client, association, coordinator):
    client.force_login(coordinator)
    response = client.get(f"/admin/pages/{association.pk}/edit/")
    assert response.status_code == 200
    assert invite_url(association) in response.text
    listing = client.get(f"/admin/pages/{association.get_parent().pk}/")
    assert invite_url(association) in listing.text


def test_coordinator_invites_from_the_admin(client, association, coordinator, django_user_model, mailoutbox):
    client.force_login(coordinator)
    assert client.get(invite_url(association)).status_code == 200

    response = client.post(
        invite_url(association), {"email": "ei-osoite", "first_name": "Ville", "language": "fi"}
    )
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("input", attrs={"name": "first_name"})["value"] == "Ville"
    assert soup.find("input", attrs={"name": "email"})["aria-invalid"] == "true"
    assert soup.find(id="id_email_error") or "error-message" in response.text
    assert not django_user_model.objects.filter(first_name="Ville").exists()

    response = client.post(
        invite_url(association), {"email": "ville@example.fi", "first_name": "Ville", "language": "sv"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{association.pk}/edit/"
    assert django_user_model.objects.get(email="ville@example.fi").groups.count() == 2
    assert mailoutbox[-1].to == ["ville@example.fi"]
    assert SET_PASSWORD_LINK.search(mailoutbox[-1].body)


def test_association_editors_cannot_invite(client, association, django_user_model):
    invite(association.pk, "toimittaja@example.fi")
    editor = django_user_model.objects.get(email="toimittaja@example.fi")
    client.force_login(editor)
    assert invite_url(association) not in client.get(f"/admin/pages/{association.pk}/edit/").text
    response = client.get(invite_url(association))
    assert response.status_code in (302, 403)
    response = client.post(invite_url(association), {"email": "kaveri@example.fi", "language": "fi"})
    assert response.status_code in (302, 403)
    assert not django_user_model.objects.filter(email="kaveri@example.fi").exists()


def test_invite_view_for_other_pages_is_404(client, association_index, superuser):
    client.force_login(superuser)
    assert client.get(invite_url(association_index)).status_code == 404
    assert client.get("/admin/associations/999999/invite-editor/").status_code == 404


def test_editors_get_rights_to_a_translation_published_later(
    association, swedish, django_capture_on_commit_callbacks
):
    invite(association.pk, "eka@example.fi")
    with django_capture_on_commit_callbacks(execute=True):
        swedish_page = association.copy_for_translation(swedish, copy_parents=True)
        swedish_page.save_revision().publish()
    group = Group.objects.get(name=f"Yhdistys: Leppävirran Latu ry (#{association.pk})")
    assert swedish_page.pk in set(
        GroupPagePermission.objects.filter(group=group).values_list("page_id", flat=True)
    )


@pytest.mark.parametrize("name", ["\u200b", "Maija \u202eäjiaM"])
def test_an_invisible_or_direction_changing_name_is_refused_in_the_invitation(name):
    from associations.forms import InviteEditorForm

    form = InviteEditorForm(data={"email": "maija@example.fi", "first_name": name, "language": "fi"})
    assert not form.is_valid()
    assert list(form.errors) == ["first_name"]


def test_command_cleans_and_checks_the_names(association, django_user_model, mailoutbox):
    # The command bypasses the forms (and the middleware that cleans what they post).
    with pytest.raises(CommandError, match="suuntaa"):
        invite(association.pk, "joku@example.fi", first_name="Liisa\u202e", last_name="Latu")
    with pytest.raises(CommandError, match="näkyviä"):
        invite(association.pk, "joku@example.fi", first_name="\u200b\u200b", last_name="Latu")
    assert not django_user_model.objects.exists()
    invite(association.pk, "joku@example.fi", first_name="Lii\x01sa", last_name="Latu\x00")
    user = django_user_model.objects.get()
    assert (user.first_name, user.last_name) == ("Liisa", "Latu")
