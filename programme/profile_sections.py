"""The programme section of an association's profile page (associations/profile_sections.py)."""

from associations.profile_sections import ProfileSection
from home.visibility import public_pages
from programme.models import ProgrammeAction, ProgrammePage


def programme_actions(page):
    """The published programme actions the association is responsible for, in the profile's language."""
    actions = list(
        ProgrammeAction.objects.filter(
            locale_id=page.locale_id,
            parties__association_key=page.translation_key,
            programme__in=public_pages(ProgrammePage),
        )
        .select_related("programme")
        .order_by("-programme__period_start", "programme_id", "position")
    )
    if not actions:
        return None
    return ProfileSection("programme/association_profile/actions.html", order=10, actions=actions)
