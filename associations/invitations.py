"""Giving an association's volunteer the right to edit that association's profile, and nothing else.

Shared by the `invite_association_editor` command and the admin "Invite an editor" view. An invited editor:

- is a user whose username is their email address;
- belongs to "Yhdistysten toimittajat" (admin access, may upload and choose images for a logo);
- belongs to a group of their own association, "Yhdistys: <title> (#<page id>)", which may change that
  association's page (the Finnish original and its Swedish translation) but not publish it, so every change
  goes through the moderation workflow that the coordinators ("Koordinaattorit") approve;
- receives an email with a link for setting their password.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Locale, Page
from wagtail.users.models import UserProfile

from associations.models import AssociationPage
from home.text_input import clean_text, validate_visible_name

# The groups created by migration 0002; coordinators approve, association editors submit.
COORDINATORS = "Koordinaattorit"
ASSOCIATION_EDITORS = "Yhdistysten toimittajat"
# The page id in the name finds the group again after the association is renamed.
EDITOR_GROUP_NAME = "Yhdistys: {title} (#{page_id})"
EDITOR_GROUP_SUFFIX = "(#{page_id})"
ORIGINAL_LANGUAGE = "fi"
INVITATION_LANGUAGES = ("fi", "sv")


class InvitationError(Exception):
    """Input that cannot be used for an invitation; `field` names the form field it belongs to."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass
class Invitation:
    """What `invite_editor` did."""

    user: object
    user_created: bool
    group: Group
    page: AssociationPage
    set_password_url: str
    email_sent: bool


def finnish_original(page):
    """The Finnish version of an association page (the one coordinators manage), else the page itself."""
    if page.locale.language_code == ORIGINAL_LANGUAGE:
        return page
    # The importer's page writer knows the original of the translation it has just made.
    if getattr(page, "finnish_original", None) is not None:
        return page.finnish_original
    original = (
        AssociationPage.objects.filter(
            translation_key=page.translation_key, locale__language_code=ORIGINAL_LANGUAGE
        )
        .select_related("locale")
        .first()
    )
    return original or page


def get_association_page(page_id):
    """The Finnish original of the association page `page_id`; InvitationError when there is none."""
    try:
        page_id = int(page_id)
    except (TypeError, ValueError):
        raise InvitationError(_("The page id must be a number."), field="page") from None
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        raise InvitationError(_("There is no page with the id %(id)s.") % {"id": page_id}, field="page")
    page = page.specific
    if not isinstance(page, AssociationPage):
        raise InvitationError(
            _("Page %(id)s (%(title)s) is not an association page.") % {"id": page_id, "title": page.title},
            field="page",
        )
    return finnish_original(page)


def find_editor_group(page):
    """The group of the association's own editors, or None when nobody has been invited yet."""
    original = finnish_original(page)
    return Group.objects.filter(name__endswith=EDITOR_GROUP_SUFFIX.format(page_id=original.pk)).first()


def editors_of(page):
    """Active users with an email address who may edit the association's page."""
    group = find_editor_group(page)
    if group is None:
        return get_user_model().objects.none()
    return group.user_set.filter(is_active=True).exclude(email="").order_by("pk")


def coordinators():
    """Active coordinators with an email address."""
    return (
        get_user_model()
        .objects.filter(groups__name=COORDINATORS, is_active=True)
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


def ensure_editor_group(page):
    """Create or update the association's own group: change (never publish) permission on every language
    version of the page. Calling it again after a Swedish translation appears grants that one too."""
    original = finnish_original(page)
    group = find_editor_group(original)
    if group is None:
        # Group names are at most 150 characters; page titles may be longer.
        room = Group._meta.get_field("name").max_length - len(
            EDITOR_GROUP_NAME.format(title="", page_id=original.pk)
        )
        title = original.title[:room].strip()
        group = Group.objects.create(name=EDITOR_GROUP_NAME.format(title=title, page_id=original.pk))
    change_page = Permission.objects.get(content_type__app_label="wagtailcore", codename="change_page")
    for version in original.get_translations(inclusive=True):
        GroupPagePermission.objects.get_or_create(group=group, page=version, permission=change_page)
    return group


def ensure_editors_role():
    """The shared editors' group may upload and choose images, so an editor can add a logo."""
    editors, _created = Group.objects.get_or_create(name=ASSOCIATION_EDITORS)
    root_collection = Collection.get_first_root_node()
    for codename in ("add_image", "choose_image"):
        permission = Permission.objects.get(content_type__app_label="wagtailimages", codename=codename)
        GroupCollectionPermission.objects.get_or_create(
            group=editors, collection=root_collection, permission=permission
        )
    return editors


def clean_email(email):
    """The address stripped of spaces with a lower-case domain; InvitationError when it is not one."""
    email = get_user_model().objects.normalize_email((email or "").strip())
    try:
        validate_email(email)
    except ValidationError:
        raise InvitationError(
            _("“%(email)s” is not a valid email address.") % {"email": email}, field="email"
        ) from None
    if len(email) > get_user_model()._meta.get_field("username").max_length:
        raise InvitationError(_("The email address is too long to be used as a username."), field="email")
    return email


def set_password_url(user):
    """An absolute link to the admin's "set a new password" form that works once for this user."""
    path = reverse(
        "wagtailadmin_password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def admin_url(name, *args):
    """An absolute admin URL for emails."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(name, args=args)


def invite_editor(page, email, first_name="", last_name="", language=ORIGINAL_LANGUAGE, invited_by=None):
    """Let the person with `email` edit `page` (an AssociationPage), and email them how to start.

    An existing account (found by email or username) is reused and keeps its password and names; a new
    account has no usable password until the person sets one with the emailed link.
    """
    # associations.notifications imports this module
    from associations.notifications import send_invitation

    if not isinstance(page, AssociationPage):
        raise InvitationError(_("Only association pages can have association editors."), field="page")
    if language not in INVITATION_LANGUAGES:
        raise InvitationError(
            _("The language must be one of: %(languages)s.") % {"languages": ", ".join(INVITATION_LANGUAGES)},
            field="language",
        )
    if not Locale.objects.filter(language_code=ORIGINAL_LANGUAGE).exists():
        raise InvitationError(_("The Finnish locale is missing."), field="page")
    email = clean_email(email)
    # The command and the admin form meet here: names are cleaned and checked as every form checks them.
    first_name, last_name = clean_text(first_name or ""), clean_text(last_name or "")
    for field, name in (("first_name", first_name), ("last_name", last_name)):
        try:
            validate_visible_name(name)
        except ValidationError as error:
            raise InvitationError(error.messages[0], field=field) from None
    page = finnish_original(page)
    User = get_user_model()

    with transaction.atomic():
        user = (
            User.objects.filter(email__iexact=email).order_by("pk").first()
            or User.objects.filter(username__iexact=email).first()
        )
        created = user is None
        if created:
            user = User(username=email, email=email, first_name=first_name or "", last_name=last_name or "")
            user.set_unusable_password()
            user.save()
            profile = UserProfile.get_for_user(user)
            profile.preferred_language = language
            profile.save(update_fields=["preferred_language"])
        else:
            if not user.is_active:
                raise InvitationError(
                    _("The account %(email)s has been deactivated. Reactivate it under Users first.")
                    % {"email": email},
                    field="email",
                )
            # Fill in what is missing, never overwrite what the person has set themselves.
            changed = []
            for field, value in (("email", email), ("first_name", first_name), ("last_name", last_name)):
                if value and not getattr(user, field):
                    setattr(user, field, value)
                    changed.append(field)
            if changed:
                user.save(update_fields=changed)
        group = ensure_editor_group(page)
        user.groups.add(ensure_editors_role(), group)

    # Someone who already has a password logs in as usual; the others need the set-password link.
    url = "" if user.has_usable_password() else set_password_url(user)
    sent = send_invitation(user, page, url, language=language, invited_by=invited_by)
    return Invitation(
        user=user, user_created=created, group=group, page=page, set_password_url=url, email_sent=bool(sent)
    )
