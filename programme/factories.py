"""Factories for programme pages, and the raw StreamField data of their themes, goals and actions.

The helpers build the same shape the editor saves (ListBlock items with ids), with ids the test
chooses, so a test can find an action by its id in both languages, in the HTML and in the exports.
"""

import uuid

import factory
import wagtail_factories

from programme.models import ProgrammePage


def _id(given):
    return given if given is not None else str(uuid.uuid4())


def item(value, id=None):
    """A ListBlock item as stored: the value with its own id."""
    return {"type": "item", "value": value, "id": _id(id)}


def update_data(date, text, status=None, author=""):
    """A progress update; `date` is a datetime.date or an ISO string, `status` only when it changed."""
    return item(
        {"date": str(date), "text": text, "status": status or None, "author": author},
    )


def action_data(
    title,
    id=None,
    start=(2025, None),
    end=None,
    status="proposed",
    associations=(),
    others=(),
    indicators=(),
    updates=(),
    description="",
):
    """An action; `start` and `end` are (year, quarter or None), `associations` page ids (or pages)."""
    end = end or start
    return item(
        {
            "title": title,
            "description": description,
            "start_year": start[0],
            "start_quarter": str(start[1]) if start[1] else None,
            "end_year": end[0],
            "end_quarter": str(end[1]) if end[1] else None,
            "status": status,
            "responsible_associations": [item(getattr(page, "pk", page)) for page in associations],
            "other_responsible": [item(name) for name in others],
            "indicators": [item(text) for text in indicators],
            "updates": list(updates),
        },
        id=id,
    )


def goal_data(title, *actions, id=None, description=""):
    return item({"title": title, "description": description, "actions": list(actions)}, id=id)


def theme_data(title, *goals, id=None, introduction=""):
    """A theme as a StreamField block (the top level of `ProgrammePage.themes`)."""
    return {
        "type": "theme",
        "id": _id(id),
        "value": {"title": title, "introduction": introduction, "goals": list(goals)},
    }


def themes_with_actions(count, associations=(), years=(2025, 2028)):
    """`count` actions spread over two themes of two goals each, every action with a responsible
    association (taken in turn from `associations`), an indicator and an update: a programme of any
    size with the same shape, for query counts."""
    statuses = ["proposed", "agreed", "in_progress", "done", "postponed", "cancelled"]
    goals = {(theme, goal): [] for theme in (1, 2) for goal in (1, 2)}
    keys = list(goals)
    for number in range(count):
        year = years[0] + number % (years[1] - years[0] + 1)
        goals[keys[number % len(keys)]].append(
            action_data(
                f"Toimenpide {number}",
                id=f"action-{number}",
                start=(year, 1 + number % 4),
                end=(year, 4),
                status=statuses[number % len(statuses)],
                associations=[associations[number % len(associations)]] if associations else [],
                others=["Kunta"],
                indicators=[f"Mittari {number}"],
                updates=[update_data(f"{year}-05-01", "Edistyi.")],
            )
        )
    return [
        theme_data(
            f"Teema {theme}",
            *(
                goal_data(f"Tavoite {theme}.{goal}", *goals[(theme, goal)], id=f"goal-{theme}-{goal}")
                for goal in (1, 2)
            ),
            id=f"theme-{theme}",
        )
        for theme in (1, 2)
    ]


class ProgrammePageFactory(wagtail_factories.PageFactory):
    """A programme page for 2025-2028 with no themes; pass `themes=[theme_data(...), ...]`.

    Like every page factory it saves the page without a revision: call `publish(page)` when the test
    needs what publishing does (the `ProgrammeAction` rows).
    """

    title = factory.Sequence(lambda n: f"Yhdistysohjelma {n}")
    slug = factory.Sequence(lambda n: f"yhdistysohjelma-{n}")
    period_start = 2025
    period_end = 2028
    status = "draft"
    introduction = "<p>Ohjelman johdanto.</p>"
    themes = factory.LazyFunction(list)

    class Meta:
        model = ProgrammePage
