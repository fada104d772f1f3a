"""The roles as the issues define them, through the real admin URLs.

An association editor (invited to one association: groups "Yhdistysten toimittajat" and the association's
own group) may open their own association's page in the admin and nothing a coordinator manages: other
associations, programmes, the newsletter, site settings, users and groups, webhooks. A coordinator
("Koordinaattorit") may open all of those that are theirs.
"""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Site

from associations.factories import AssociationPageFactory
from associations.invitations import invite_editor
from news.models import NewsletterIssue
from programme.factories import ProgrammePageFactory

DENIED = (302, 403)


@pytest.fixture
def site_content(home_page, association_index, finnish):
    own = AssociationPageFactory(parent=association_index, title="Oma yhdistys ry")
    other = AssociationPageFactory(parent=association_index, title="Toinen yhdistys ry")
    programme = ProgrammePageFactory(parent=home_page)
    issue = NewsletterIssue.objects.create(subject="1/2027", locale=finnish)
    return {"home": home_page, "own": own, "other": other, "programme": programme, "issue": issue}


@pytest.fixture
def association_editor(site_content):
    user = invite_editor(site_content["own"], "toimittaja@example.fi").user
    assert set(user.groups.values_list("name", flat=True)) >= {"Yhdistysten toimittajat"}
    return user


def coordinator_only_urls(content):
    return {
        "another association": f"/admin/pages/{content['other'].pk}/edit/",
        "adding a programme": f"/admin/pages/add/programme/programmepage/{content['home'].pk}/",
        "editing the programme": f"/admin/pages/{content['programme'].pk}/edit/",
        "newsletter issues": "/admin/snippets/news/newsletterissue/",
        "editing an issue": f"/admin/snippets/news/newsletterissue/edit/{content['issue'].pk}/",
        "sending an issue": f"/admin/newsletter/{content['issue'].pk}/send/",
        "subscribers": "/admin/snippets/news/subscriber/",
        "webhooks": "/admin/snippets/home/webhookendpoint/",
        "site settings": f"/admin/settings/home/sitesettings/{Site.objects.get(is_default_site=True).pk}/",
        # wagtail-localize checks only its own permission, not the page, so only coordinators have it.
        "translating an association": f"/admin/localize/submit/page/{content['other'].pk}/",
        "translating their own association": f"/admin/localize/submit/page/{content['own'].pk}/",
    }


def test_association_editor_reaches_only_their_own_association(client, site_content, association_editor):
    client.force_login(association_editor)
    assert client.get(f"/admin/pages/{site_content['own'].pk}/edit/").status_code == 200

    urls = {
        **coordinator_only_urls(site_content),
        "users": "/admin/users/",
        "groups": "/admin/groups/",
        "workflows": "/admin/workflows/list/",
    }
    reached = {name: url for name, url in urls.items() if client.get(url).status_code not in DENIED}
    assert reached == {}


def test_association_editor_cannot_publish_their_own_association(client, site_content, association_editor):
    """Their changes go through the coordinators' moderation workflow."""
    own = site_content["own"]
    assert not own.permissions_for_user(association_editor).can_publish()
    assert own.permissions_for_user(association_editor).can_edit()


def test_coordinator_reaches_everything_an_association_editor_may_not(client, site_content, coordinator):
    client.force_login(coordinator)
    urls = {"their own association": f"/admin/pages/{site_content['own'].pk}/edit/"}
    urls.update(coordinator_only_urls(site_content))
    refused = {name: url for name, url in urls.items() if client.get(url).status_code != 200}
    assert refused == {}


def test_roles_exist_as_groups_with_admin_access(db):
    for name in ("Koordinaattorit", "Yhdistysten toimittajat"):
        group = Group.objects.get(name=name)
        assert group.permissions.filter(codename="access_admin").exists()
