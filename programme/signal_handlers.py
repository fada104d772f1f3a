"""Keep the `ProgrammeAction` rows in step with the live programme pages."""

from django.db import transaction
from wagtail.signals import page_published, page_unpublished

from programme.models import ProgrammeAction, ProgrammeActionParty, ProgrammePage
from programme.structure import Programme


def rebuild_actions(page):
    """Replace the rows of `page` by its live actions (none if it is not live)."""
    with transaction.atomic():
        ProgrammeAction.objects.filter(programme=page).delete()
        if not page.live:
            return 0
        # The page's own row holds the published content; drafts live only in revisions.
        actions = Programme.from_page(page, public=False).actions
        rows = ProgrammeAction.objects.bulk_create(
            ProgrammeAction(
                programme=page,
                locale_id=page.locale_id,
                action_id=action.id or action.number,
                number=action.number,
                position=position,
                theme_id=action.theme_id,
                theme_title=action.theme_title[:255],
                goal_id=action.goal_id,
                goal_title=action.goal_title[:255],
                title=action.title[:255],
                status=action.status,
                start_year=action.schedule.start_year,
                start_quarter=action.schedule.start_quarter,
                end_year=action.schedule.end_year,
                end_quarter=action.schedule.end_quarter,
            )
            for position, action in enumerate(actions)
        )
        if rows and rows[0].pk is None:  # backends that do not return ids from bulk inserts
            rows = list(ProgrammeAction.objects.filter(programme=page).order_by("position"))
        ProgrammeActionParty.objects.bulk_create(
            ProgrammeActionParty(action=row, association_key=key)
            for row, action in zip(rows, actions, strict=True)
            for key in dict.fromkeys(party.translation_key for party in action.associations)
        )
        return len(rows)


def on_published(sender, instance, **kwargs):
    rebuild_actions(instance)


def on_unpublished(sender, instance, **kwargs):
    ProgrammeAction.objects.filter(programme=instance).delete()


def register(app_config):
    page_published.connect(on_published, sender=ProgrammePage)
    page_unpublished.connect(on_unpublished, sender=ProgrammePage)
