"""An association's own editor edits only that association; a coordinator approves before it is public."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import TaskState, WorkflowState

from associations.factories import AssociationPageFactory
from associations.invitations import invite_editor
from associations.models import AssociationPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def own(association_index):
    page = AssociationPageFactory(
        parent=association_index, title="Vesannon Vanhustyö ry", summary="Alkuperäinen."
    )
    page.save_revision().publish()
    return page


@pytest.fixture
def other(association_index):
    page = AssociationPageFactory(parent=association_index, title="Tervon Tanssijat ry")
    page.save_revision().publish()
    return page


@pytest.fixture
def editor(own):
    return invite_editor(own, "vanhustyo@example.fi").user


def edit_data(page, **overrides):
    """What the edit form posts for `page` when only the given fields change."""
    data = {
        "title": page.title,
        "slug": page.slug,
        "summary": page.summary,
        "plain_summary": "",
        "description-count": "0",
        "home_municipality": str(page.home_municipality_id),
        "level": page.level,
        "service_languages": page.service_languages,
        "social_links-count": "0",
        "activities-count": "0",
    }
    data.update(overrides)
    return data


def edit_url(page):
    return f"/admin/pages/{page.pk}/edit/"


def test_editor_opens_only_their_own_page(client, editor, own, other, association_index):
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200
    assert client.get(edit_url(own)).status_code == 200
    for page in (other, association_index):
        response = client.get(edit_url(page))
        assert response.status_code in (302, 403), page
        assert response.status_code != 200
    response = client.post(edit_url(other), edit_data(other, summary="Kaapattu."))
    assert response.status_code in (302, 403)
    assert AssociationPage.objects.get(pk=other.pk).get_latest_revision_as_object().summary != "Kaapattu."
    add_url = f"/admin/pages/add/associations/associationpage/{association_index.pk}/"
    assert client.get(add_url).status_code in (302, 403)


def test_editor_cannot_publish(client, editor, own, django_capture_on_commit_callbacks):
    client.force_login(editor)
    revisions = own.revisions.count()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            edit_url(own), edit_data(own, summary="Suoraan julki?", **{"action-publish": "action-publish"})
        )
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.summary == "Alkuperäinen."  # the live version did not change
    assert own.has_unpublished_changes
    assert own.revisions.count() == revisions + 1  # saved as a draft revision
    assert own.get_latest_revision_as_object().summary == "Suoraan julki?"
    assert client.get(own.url).text.count("Suoraan julki?") == 0


def test_submitted_change_goes_live_when_a_coordinator_approves(
    client, editor, coordinator, own, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            edit_url(own), edit_data(own, summary="Uusi kuvaus.", **{"action-submit": "action-submit"})
        )
    assert response.status_code == 302
    state = WorkflowState.objects.get(object_id=str(own.pk), status=WorkflowState.STATUS_IN_PROGRESS)
    assert state.requested_by == editor
    own.refresh_from_db()
    assert own.summary == "Alkuperäinen."
    # Wagtail tells the coordinators.
    assert any("koordinaattori@example.fi" in message.to for message in mailoutbox)

    client.force_login(coordinator)
    dashboard = BeautifulSoup(client.get("/admin/").content, "html.parser")
    assert "Vesannon Vanhustyö ry" in dashboard.find(id="awaiting-review-section").get_text()
    task_state = TaskState.objects.get(workflow_state=state, status=TaskState.STATUS_IN_PROGRESS)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/pages/workflow/action/{own.pk}/approve/{task_state.pk}/", {"comment": "Hyvä."}
        )
    assert response.status_code == 302

    own.refresh_from_db()
    assert own.live
    assert own.summary == "Uusi kuvaus."
    assert not own.has_unpublished_changes
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    assert "Uusi kuvaus." in client.get(own.url).text


def test_editor_cannot_approve_their_own_change(client, editor, own, django_capture_on_commit_callbacks):
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(edit_url(own), edit_data(own, summary="Oma hyväksyntä?", **{"action-submit": "1"}))
    task_state = TaskState.objects.get(status=TaskState.STATUS_IN_PROGRESS)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/pages/workflow/action/{own.pk}/approve/{task_state.pk}/", {})
    assert response.status_code in (302, 403)
    own.refresh_from_db()
    assert own.summary == "Alkuperäinen."
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
