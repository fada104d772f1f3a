"""A programme's themes, goals and actions as plain Python objects, with filters, progress and timeline.

Built from the page's StreamField (so previews of a draft show the draft) in two queries however
large the programme is: the raw block data is read directly, and every responsible association is
looked up at once, in the programme's own language.
"""

import datetime
from dataclasses import dataclass, field, replace

from django.db.models import Q
from django.utils.translation import pgettext
from wagtail.rich_text import RichText

from associations.models import AssociationPage
from home.visibility import public_pages
from programme.blocks import ACTION_STATUSES, CANCELLED, DONE, status_label

QUARTERS_PER_YEAR = 4


@dataclass(frozen=True)
class Schedule:
    """When an action runs: years with optional quarters (a missing quarter means the whole year)."""

    start_year: int
    start_quarter: int | None
    end_year: int
    end_quarter: int | None

    @property
    def first_quarter(self):
        """The first quarter as a count of quarters since year 0."""
        return self.start_year * QUARTERS_PER_YEAR + (self.start_quarter or 1) - 1

    @property
    def last_quarter(self):
        return self.end_year * QUARTERS_PER_YEAR + (self.end_quarter or QUARTERS_PER_YEAR) - 1

    def covers_year(self, year):
        return self.start_year <= year <= self.end_year

    @staticmethod
    def point(year, quarter):
        return f"Q{quarter}/{year}" if quarter else str(year)

    @property
    def start_label(self):
        return self.point(self.start_year, self.start_quarter)

    @property
    def end_label(self):
        return self.point(self.end_year, self.end_quarter)

    def __str__(self):
        if self.start_label == self.end_label:
            return self.start_label
        return f"{self.start_label}–{self.end_label}"


@dataclass(frozen=True)
class Update:
    date: datetime.date
    text: str
    status: str
    author: str

    @property
    def status_label(self):
        return status_label(self.status) if self.status else ""


@dataclass(frozen=True)
class Party:
    """A responsible association: its live page in the programme's language, or the chosen page itself
    when that language has no translation yet (better a Finnish link than none)."""

    title: str
    url: str
    full_url: str
    page_id: int
    translation_key: str


@dataclass
class Action:
    id: str
    title: str
    description: str
    schedule: Schedule
    status: str
    associations: list
    other_responsible: list
    indicators: list
    updates: list  # newest first
    theme_id: str = ""
    theme_title: str = ""
    goal_id: str = ""
    goal_title: str = ""
    number: str = ""

    @property
    def status_label(self):
        return status_label(self.status)

    @property
    def latest_update(self):
        return self.updates[0] if self.updates else None

    @property
    def responsible_names(self):
        return [party.title for party in self.associations] + list(self.other_responsible)

    @property
    def description_html(self):
        return RichText(self.description)


@dataclass
class Goal:
    id: str
    title: str
    description: str
    actions: list
    number: str = ""


@dataclass
class Theme:
    id: str
    title: str
    introduction: str
    goals: list
    number: str = ""

    @property
    def introduction_html(self):
        return RichText(self.introduction)

    @property
    def actions(self):
        return [action for goal in self.goals for action in goal.actions]


def _date(value):
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        return datetime.date.min


def _quarter(value):
    return int(value) if value not in (None, "") else None


def _items(value):
    """ListBlock items in either stored shape: [{"type": "item", "value": ...}] or plain values."""
    for item in value or []:
        if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
            yield item["value"], item.get("id") or ""
        else:
            yield item, ""


def _page_id(value):
    if isinstance(value, int):
        return value
    return getattr(value, "pk", None)


def resolve_parties(page_ids, locale, public=True):
    """Public association pages (home.visibility) for the chosen ids, in `locale` where a translation exists
    (one query). `public=False`: every live one, for the rows the statistics count
    (programme.signal_handlers), which must not change when a profile is made private."""
    page_ids = {page_id for page_id in page_ids if page_id}
    if not page_ids:
        return {}
    chosen_keys = AssociationPage.objects.filter(pk__in=page_ids).values("translation_key")
    pages = (public_pages(AssociationPage) if public else AssociationPage.objects.live()).filter(
        Q(pk__in=page_ids) | Q(locale=locale, translation_key__in=chosen_keys)
    )
    pages = list(
        pages.only("id", "title", "url_path", "translation_key", "locale_id").select_related("locale")
    )
    in_locale = {page.translation_key: page for page in pages if page.locale_id == locale.pk}
    parties = {}
    for page in pages:
        if page.pk in page_ids:
            shown = in_locale.get(page.translation_key, page)
            full_url = shown.full_url or ""
            parties[page.pk] = Party(
                shown.title, shown.url or "", full_url, shown.pk, str(shown.translation_key)
            )
    return parties


class Programme:
    """The themes of one programme page, numbered 1, 1.1 and 1.1.1 in the editors' order."""

    def __init__(self, page, themes):
        self.page = page
        self.themes = themes

    @classmethod
    def from_page(cls, page, public=True):
        """`public=False` keeps responsible associations whose profiles are private (see resolve_parties)."""
        raw = list(getattr(page.themes, "raw_data", []) or [])
        chosen = []
        for theme in raw:
            for goal, _id in _items(theme.get("value", {}).get("goals")):
                for action, _id in _items(goal.get("actions")):
                    chosen += [_page_id(item) for item, _id in _items(action.get("responsible_associations"))]
        parties = resolve_parties(chosen, page.locale, public)

        themes = []
        for theme_number, theme in enumerate((block for block in raw if block.get("type") == "theme"), 1):
            value = theme.get("value", {})
            goals = []
            for goal_number, (goal, goal_id) in enumerate(_items(value.get("goals")), 1):
                actions = []
                for action_number, (action, action_id) in enumerate(_items(goal.get("actions")), 1):
                    updates = [
                        Update(
                            _date(item.get("date")),
                            item.get("text", ""),
                            item.get("status") or "",
                            item.get("author") or "",
                        )
                        for item, _id in _items(action.get("updates"))
                    ]
                    updates.sort(key=lambda update: update.date, reverse=True)
                    associations = [
                        parties[page_id]
                        for page_id in (
                            _page_id(item) for item, _id in _items(action.get("responsible_associations"))
                        )
                        if page_id in parties
                    ]
                    actions.append(
                        Action(
                            id=action_id,
                            title=action.get("title", ""),
                            description=action.get("description", "") or "",
                            schedule=Schedule(
                                int(action.get("start_year") or 0),
                                _quarter(action.get("start_quarter")),
                                int(action.get("end_year") or action.get("start_year") or 0),
                                _quarter(action.get("end_quarter")),
                            ),
                            status=action.get("status") or "",
                            associations=associations,
                            other_responsible=[
                                item for item, _id in _items(action.get("other_responsible")) if item
                            ],
                            indicators=[item for item, _id in _items(action.get("indicators")) if item],
                            updates=updates,
                            theme_id=theme.get("id", ""),
                            theme_title=value.get("title", ""),
                            goal_id=goal_id,
                            goal_title=goal.get("title", ""),
                            number=f"{theme_number}.{goal_number}.{action_number}",
                        )
                    )
                goals.append(
                    Goal(
                        goal_id,
                        goal.get("title", ""),
                        goal.get("description", "") or "",
                        actions,
                        f"{theme_number}.{goal_number}",
                    )
                )
            themes.append(
                Theme(
                    theme.get("id", ""),
                    value.get("title", ""),
                    value.get("introduction", "") or "",
                    goals,
                    str(theme_number),
                )
            )
        return cls(page, themes)

    @property
    def actions(self):
        return [action for theme in self.themes for action in theme.actions]

    @property
    def parties(self):
        """The responsible associations of the programme, each once, by name."""
        found = {party.page_id: party for action in self.actions for party in action.associations}
        return sorted(found.values(), key=lambda party: party.title.casefold())

    def filtered(self, theme=None, status=None, association=None, association_key=None, year=None):
        """The same programme with only the matching actions; themes and goals left empty are dropped.

        `association` is the page id of an association in the programme's language, `association_key`
        the translation key its pages share in every language.
        """

        def keep(action):
            parties = action.associations
            return (
                (not status or action.status == status)
                and (association is None or any(party.page_id == association for party in parties))
                and (
                    association_key is None
                    or any(party.translation_key == association_key for party in parties)
                )
                and (year is None or action.schedule.covers_year(year))
            )

        themes = []
        for item in self.themes:
            if theme and item.id != theme:
                continue
            goals = [replace(goal, actions=[a for a in goal.actions if keep(a)]) for goal in item.goals]
            goals = [goal for goal in goals if goal.actions]
            if goals:
                themes.append(replace(item, goals=goals))
        return Programme(self.page, themes)

    def progress(self):
        return Progress.of(
            pgettext("programme", "All themes"),
            self.actions,
            [(theme.title, theme.actions) for theme in self.themes],
        )

    def timeline(self):
        return Timeline(self.page.period_start, self.page.period_end, self.themes)


@dataclass
class StatusCount:
    status: str
    label: str
    count: int
    percent: float  # of all actions, for the bar chart


@dataclass
class Progress:
    """Counts by status and the share done. Cancelled actions are left out of the share."""

    label: str
    total: int
    done: int
    counted: int
    counts: list
    themes: list = field(default_factory=list)

    @classmethod
    def of(cls, label, actions, themes=()):
        total = len(actions)
        by_status = {status: 0 for status, _label in ACTION_STATUSES}
        for action in actions:
            by_status[action.status] = by_status.get(action.status, 0) + 1
        counts = [
            StatusCount(status, status_label(status), count, 100 * count / total if total else 0)
            for status, count in by_status.items()
        ]
        done = by_status.get(DONE, 0)
        counted = total - by_status.get(CANCELLED, 0)
        return cls(
            label=label,
            total=total,
            done=done,
            counted=counted,
            counts=counts,
            themes=[cls.of(title, theme_actions) for title, theme_actions in themes],
        )

    @property
    def share_done(self):
        """Done actions per actions not cancelled, 0.0 to 1.0."""
        return self.done / self.counted if self.counted else 0.0

    @property
    def percent_done(self):
        return round(100 * self.share_done)

    @property
    def segments(self):
        """The bar chart's parts: statuses with actions, as SVG x and width in a 0 to 100 wide box."""
        x = 0.0
        parts = []
        for count in self.counts:
            if count.count:
                parts.append({"status": count.status, "x": f"{x:.3f}", "width": f"{count.percent:.3f}"})
                x += count.percent
        return parts

    @property
    def summary(self):
        """The chart's text alternative: the counts by status in words."""
        counts = ", ".join(f"{count.label} {count.count}" for count in self.counts if count.count)
        return pgettext("programme", "%(label)s: %(total)s actions (%(counts)s), %(percent)s %% done.") % {
            "label": self.label,
            "total": self.total,
            "counts": counts or "0",
            "percent": self.percent_done,
        }


@dataclass
class TimelineBar:
    """An action on the timeline grid; columns count quarters from 1, inclusive."""

    action: Action
    first_column: int
    last_column: int
    starts_before: bool
    ends_after: bool
    outside: str  # "before" or "after" when the action lies wholly outside the period, else ""

    @property
    def note(self):
        if self.outside == "before":
            return pgettext("programme", "before the programme period")
        if self.outside == "after":
            return pgettext("programme", "after the programme period")
        if self.starts_before and self.ends_after:
            return pgettext("programme", "begins before and continues after the period")
        if self.starts_before:
            return pgettext("programme", "begins before the period")
        if self.ends_after:
            return pgettext("programme", "continues after the period")
        return ""

    @property
    def css_class(self):
        return f"tl-from-{self.first_column} tl-to-{self.last_column}"


class Timeline:
    """Actions on a year/quarter grid over the programme period.

    Actions that begin before or end after the period are cut at its edge and marked; actions wholly
    outside it sit at the edge column they are nearest to, marked as outside, so none is dropped.
    """

    def __init__(self, start_year, end_year, themes):
        self.start_year = start_year
        self.end_year = max(end_year, start_year)
        self.years = list(range(self.start_year, self.end_year + 1))
        self.columns = len(self.years) * QUARTERS_PER_YEAR
        first = self.start_year * QUARTERS_PER_YEAR
        self.themes = []
        for theme in themes:
            bars = []
            for action in theme.actions:
                start = action.schedule.first_quarter - first + 1
                end = action.schedule.last_quarter - first + 1
                outside = "before" if end < 1 else "after" if start > self.columns else ""
                bars.append(
                    TimelineBar(
                        action=action,
                        first_column=min(max(start, 1), self.columns),
                        last_column=max(min(end, self.columns), 1),
                        starts_before=start < 1,
                        ends_after=end > self.columns,
                        outside=outside,
                    )
                )
            self.themes.append((theme, bars))

    @property
    def year_columns(self):
        """Each year with its first and last quarter column, for the grid's header row."""
        return [
            {"year": year, "css_class": f"tl-from-{index * 4 + 1} tl-to-{index * 4 + 4}"}
            for index, year in enumerate(self.years)
        ]

    @property
    def bars(self):
        return [bar for _theme, bars in self.themes for bar in bars]
