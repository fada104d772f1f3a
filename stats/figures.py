"""Figures on the association field and the programme for decision-makers (tilastot päättäjille).

Everything is counted in the database with aggregates, in a fixed number of queries whatever the number of
associations. The figures are the same in Finnish and Swedish; only the names differ:

- An association counts once, however many language versions it has: its Finnish (default language)
  version when that is live, else its first-created live version, represents it. Classifications and
  figures are synchronised between the versions, so any version gives the same numbers once translations
  are in sync.
- A programme action counts once in the same way: the actions of the representative version of each
  programme page. Theme titles are shown in the asked language when that version is published.
- An action *involves* a municipality when one of its responsible associations has its home municipality
  there (the other municipalities an association works in are not counted, so an action is not claimed
  by every municipality a regional association touches).
- Fresh information: `last_checked` within the last 12 months (365 days), as on the profiles.

`cached(locale)` keeps the figures in Django's cache under the content version (home.versions.CONTENT),
which every publish, unpublish, move, delete and taxonomy change bumps, and so does every survey answer
(associations/models/survey.py): the next request computes them again.
"""

import datetime
import statistics as pystats
from dataclasses import asdict, dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.cache import cache
from django.db.models import (
    Case,
    Count,
    Min,
    OuterRef,
    Q,
    Subquery,
    Sum,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext, pgettext

from associations.directory import TaxonomyNames
from associations.models import (
    SERVICE_LANGUAGES,
    AssociationPage,
    AssociationSurveyPage,
    SurveyFormField,
    SurveySubmission,
)
from home import versions
from home.visibility import public_pages, representatives
from news.models import EventPage
from programme.blocks import ACTION_STATUSES
from programme.models import ProgrammeAction, ProgrammeActionParty, ProgrammePage

FRESH_DAYS = 365
FIRST_DECADE = 1800  # the earliest founding year a profile accepts
CACHE_SECONDS = 24 * 60 * 60  # the key holds the date and the content version, so this is only a bound
CACHE_PREFIX = "statistics"


# --- Building blocks --------------------------------------------------------------------------------------


def published_associations():
    """One live page per association (see the module docstring)."""
    return representatives(AssociationPage)


def published_actions():
    """One ProgrammeAction row per action of every published programme (see the module docstring)."""
    return ProgrammeAction.objects.filter(programme__in=representatives(ProgrammePage).values("pk"))


def fresh_cutoff():
    return timezone.localdate() - datetime.timedelta(days=FRESH_DAYS)


def _number(value):
    """A Decimal or number as JSON-friendly int (whole numbers) or float (two decimals)."""
    if value is None:
        return None
    value = Decimal(value)
    if value == value.to_integral_value():
        return int(value)
    return float(round(value, 2))


# --- The figures --------------------------------------------------------------------------------------------


@dataclass
class Figures:
    """All figures of the statistics page, the API and the downloads, in one language. Plain data (lists of
    dicts with stable keys) so that it caches, serialises and exports as it is."""

    locale: str
    computed_at: str
    associations: dict = field(default_factory=dict)
    programme: dict = field(default_factory=dict)
    surveys: list = field(default_factory=list)

    def as_dict(self):
        return asdict(self)


def compute(locale):
    """The figures in the language of `locale`, straight from the database."""
    names = TaxonomyNames.cached(locale)
    return Figures(
        locale=locale.language_code,
        computed_at=timezone.now().isoformat(timespec="seconds"),
        associations=association_figures(names),
        programme=programme_figures(locale, names),
        surveys=survey_figures(locale),
    )


def cache_key(locale):
    return (
        f"{CACHE_PREFIX}:{versions.current(versions.CONTENT)}:{timezone.localdate()}:{locale.language_code}"
    )


def cached(locale):
    """compute(locale), kept in the shared cache until published content changes (or the day changes)."""
    key = cache_key(locale)
    figures = cache.get(key)
    if figures is None:
        figures = compute(locale)
        cache.set(key, figures, CACHE_SECONDS)
    return figures


def association_figures(names):
    pages = published_associations()
    language_counts = {
        f"language_{code}": Count("pk", filter=Q(service_languages__icontains=f'"{code}"'))
        for code, _label in SERVICE_LANGUAGES
    }
    # Home municipalities and founding decades are counted in the same pass as the totals: one scan of the
    # published associations instead of one per grouping.
    municipality_pks = {}
    for pk, code in TaxonomyNames.keys_by_pk()["municipalities"].items():
        municipality_pks.setdefault(code, []).append(pk)
    municipality_counts = {
        f"municipality_{code}": Count("pk", filter=Q(home_municipality_id__in=pks))
        for code, pks in municipality_pks.items()
    }
    decade_counts = {
        f"decade_{decade}": Count("pk", filter=Q(founded_year__gte=decade, founded_year__lt=decade + 10))
        for decade in range(FIRST_DECADE, timezone.localdate().year + 1, 10)
    }
    totals = pages.aggregate(
        total=Count("pk"),
        members=Coalesce(Sum("member_count"), 0),
        members_reporting=Count("member_count"),
        volunteers=Coalesce(Sum("volunteer_count"), 0),
        volunteers_reporting=Count("volunteer_count"),
        checked=Count("pk", filter=Q(last_checked__gte=fresh_cutoff())),
        founded_given=Count("founded_year"),
        without_municipality=Count("pk", filter=Q(home_municipality__isnull=True)),
        **language_counts,
        **municipality_counts,
        **decade_counts,
    )
    total = totals["total"]
    municipality_totals = {code: totals[f"municipality_{code}"] for code in municipality_pks}
    decades = [
        {"decade": decade, "count": totals[f"decade_{decade}"]}
        for decade in range(FIRST_DECADE, timezone.localdate().year + 1, 10)
        if totals[f"decade_{decade}"]
    ]

    # Home municipality x category (an association with several categories is in several cells, so the
    # municipality totals above are not the sums of the matrix rows; category totals are its column sums).
    matrix = {}
    for row in pages.order_by().values("home_municipality__code", "categories__slug").annotate(n=Count("pk")):
        matrix.setdefault(row["home_municipality__code"], {})[row["categories__slug"]] = row["n"]
    category_totals = {}
    for by_category in matrix.values():
        for slug, count in by_category.items():
            category_totals[slug] = category_totals.get(slug, 0) + count
    target_group_totals = dict(
        pages.order_by()
        .values("target_groups__slug")
        .annotate(n=Count("pk"))
        .values_list("target_groups__slug", "n")
    )

    return {
        "total": total,
        "by_municipality": [
            {
                "code": code,
                "name": name,
                "count": municipality_totals.get(code, 0),
                "by_category": {
                    slug: matrix.get(code, {}).get(slug, 0) for slug, _name in names.category_choices
                },
                "without_category": matrix.get(code, {}).get(None, 0),
            }
            for code, name in names.municipality_choices
        ],
        "without_municipality": totals["without_municipality"],
        "by_category": [
            {"slug": slug, "name": name, "count": category_totals.get(slug, 0)}
            for slug, name in names.category_choices
        ],
        "without_category": category_totals.get(None, 0),
        "by_target_group": [
            {"slug": slug, "name": name, "count": target_group_totals.get(slug, 0)}
            for slug, name in names.target_group_choices
        ],
        "without_target_group": target_group_totals.get(None, 0),
        "by_service_language": [
            {"code": code, "name": str(label), "count": totals[f"language_{code}"]}
            for code, label in SERVICE_LANGUAGES
        ],
        "by_founding_decade": decades,
        "founding_year_not_given": total - totals["founded_given"],
        "members": {"total": totals["members"], "associations_reporting": totals["members_reporting"]},
        "volunteers": {
            "total": totals["volunteers"],
            "associations_reporting": totals["volunteers_reporting"],
        },
        "freshness": {
            "checked_within_12_months": totals["checked"],
            "not_checked_within_12_months": total - totals["checked"],
            "share_checked": round(totals["checked"] / total, 4) if total else 0.0,
            "percent_checked": _share(totals["checked"], total),
            "checked_since": fresh_cutoff().isoformat(),
        },
    }


def programme_figures(locale, names):
    actions = published_actions()
    by_status = dict(
        actions.order_by().values_list("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    themes = list(
        actions.order_by()
        .values("theme_id", "programme__translation_key")
        .annotate(n=Count("pk"), title=Min("theme_title"), programme_title=Min("programme__title"))
        .order_by("programme_title", "theme_id")
    )
    # Theme titles in the asked language where that version of the programme is published.
    localised = dict(
        ProgrammeAction.objects.filter(locale=locale, programme__in=public_pages(ProgrammePage))
        .order_by()
        .values_list("theme_id", "theme_title")
        .distinct()
    )
    spans = actions.order_by().values("start_year", "end_year").annotate(n=Count("pk"))
    by_year = {}
    for span in spans:
        for year in range(span["start_year"], span["end_year"] + 1):
            by_year[year] = by_year.get(year, 0) + span["n"]

    parties = ProgrammeActionParty.objects.filter(action__in=actions)
    by_key = list(
        parties.order_by().values("association_key").annotate(n=Count("action", distinct=True)).order_by("-n")
    )
    association_versions, private_keys = {}, set()
    versions_of_parties = AssociationPage.objects.filter(
        translation_key__in=[row["association_key"] for row in by_key]
    )
    for page in (
        versions_of_parties.annotate(
            private=Case(When(versions_of_parties.private_q(), then=True), default=False)
        )
        .order_by("-live", "pk")
        .values("pk", "title", "translation_key", "locale_id", "live", "private")
    ):
        if page["private"]:  # not named in public figures (home.visibility)
            private_keys.add(page["translation_key"])
            continue
        known = association_versions.get(page["translation_key"])
        wanted = page["live"] and page["locale_id"] == locale.pk
        if known is None or (wanted and not (known["live"] and known["locale_id"] == locale.pk)):
            association_versions[page["translation_key"]] = page
    home_code = (
        public_pages(AssociationPage)
        .filter(translation_key=OuterRef("association_key"))
        .order_by("pk")
        .values("home_municipality__code")[:1]
    )
    involvement = dict(
        parties.order_by()
        .annotate(code=Subquery(home_code))
        .filter(code__isnull=False)
        .values("code")
        .annotate(n=Count("action", distinct=True))
        .values_list("code", "n")
    )

    by_association = []
    for row in by_key:
        page = association_versions.get(row["association_key"])
        by_association.append(
            {
                "key": str(row["association_key"]),
                "id": page["pk"] if page else None,
                "title": page["title"]
                if page
                else gettext("Association not shown publicly")
                if row["association_key"] in private_keys
                else gettext("Removed association"),
                "count": row["n"],
            }
        )
    by_association.sort(key=lambda row: (-row["count"], row["title"]))

    return {
        "total": sum(by_status.values()),
        "by_status": [
            {"status": status, "label": str(label), "count": by_status.get(status, 0)}
            for status, label in ACTION_STATUSES
        ],
        "by_theme": [
            {
                "id": row["theme_id"],
                "title": localised.get(row["theme_id"], row["title"]),
                "count": row["n"],
            }
            for row in themes
        ],
        "by_year": [{"year": year, "count": count} for year, count in sorted(by_year.items())],
        "by_association": by_association,
        "by_municipality": [
            {"code": code, "name": name, "count": involvement.get(code, 0)}
            for code, name in names.municipality_choices
        ],
    }


def survey_figures(locale):
    """Totals and distributions of the numeric questions coordinators chose, over the current answers."""
    surveys = list(representatives(AssociationSurveyPage).order_by("-deadline", "pk"))
    if not surveys:
        return []
    keys = [survey.translation_key for survey in surveys]
    localised = {
        page.translation_key: page
        for page in AssociationSurveyPage.objects.live().filter(translation_key__in=keys, locale=locale)
    }
    pages = [localised.get(survey.translation_key, survey) for survey in surveys]
    questions = {}
    for question in SurveyFormField.objects.filter(
        page__in=pages, show_in_statistics=True, field_type="number"
    ).order_by("sort_order"):
        questions.setdefault(question.page_id, []).append(question)
    answers = {}
    # Unverified answers are never current, but say so here too: they count only once accepted.
    for survey_key, data in SurveySubmission.objects.filter(
        survey_key__in=keys, is_current=True, is_verified=True
    ).values_list("survey_key", "form_data"):
        answers.setdefault(survey_key, []).append(data)

    result = []
    for page in pages:
        current = answers.get(page.translation_key, [])
        result.append(
            {
                "id": page.pk,
                "title": page.title,
                "deadline": page.deadline.isoformat(),
                "answers": len(current),
                "questions": [
                    number_summary(question.clean_name, question.label, current)
                    for question in questions.get(page.pk, [])
                ],
            }
        )
    return result


def number_summary(name, label, answers):
    values = []
    for data in answers:
        raw = data.get(name)
        if raw in (None, ""):
            continue
        try:
            values.append(Decimal(str(raw)))
        except InvalidOperation:
            continue
    values.sort()
    summary = {
        "name": name,
        "label": label,
        "answers": len(values),
        "total": _number(sum(values, Decimal(0))),
    }
    if not values:
        return {**summary, **dict.fromkeys(("mean", "min", "q1", "median", "q3", "max"))}
    if len(values) > 1:
        q1, median, q3 = pystats.quantiles(values, n=4, method="inclusive")
    else:
        q1 = median = q3 = values[0]
    return {
        **summary,
        "mean": _number(sum(values) / len(values)),
        "min": _number(values[0]),
        "q1": _number(q1),
        "median": _number(median),
        "q3": _number(q3),
        "max": _number(values[-1]),
    }


# --- Tables: what the page shows under each chart, and what the downloads contain ------------------------


@dataclass
class Table:
    """One table of numbers: the page renders it (with a bar chart of `chart` when given), the CSV and XLSX
    downloads write it, so the three always agree."""

    slug: str
    section: str
    caption: str
    headers: list
    rows: list
    summary: str = ""
    chart: list = field(default_factory=list)  # [(label, value)] for a bar chart

    def chart_rows(self):
        """(label, value, width %) for the template's bars."""
        top = max((value for _label, value in self.chart), default=0) or 1
        return [(label, value, round(value * 100 / top, 2)) for label, value in self.chart]


def _share(part, whole):
    return round(100 * part / whole, 1) if whole else 0.0


def _top_summary(rows, total, unit_total_text):
    """ "Most: X (n). In all n." style summary of a (label, count) list."""
    positive = [(label, count) for label, count in rows if count]
    if not positive:
        return gettext("No figures yet.")
    label, count = max(positive, key=lambda row: row[1])
    return gettext("The largest is %(label)s with %(count)s (%(share)s %% of %(total)s %(unit)s).") % {
        "label": label,
        "count": count,
        "share": number_format(_share(count, total), 1),  # 22,2 in Finnish and Swedish
        "total": total,
        "unit": unit_total_text,
    }


def tables(figures):
    """The tables of the statistics page in order, built from `figures` alone."""
    a = figures.associations
    p = figures.programme
    associations_section = gettext("Associations")
    programme_section = gettext("Association programme")
    survey_section = gettext("Association survey")
    count_header = gettext("Associations")
    actions_header = gettext("Actions")
    total = a["total"]
    unit = gettext("associations")
    result = []

    rows = [(row["name"], row["count"]) for row in a["by_municipality"]]
    extra = (
        [[gettext("No home municipality given"), a["without_municipality"]]]
        if a["without_municipality"]
        else []
    )
    result.append(
        Table(
            "municipalities",
            associations_section,
            gettext("Associations by home municipality"),
            [gettext("Municipality"), count_header],
            [[label, count] for label, count in rows] + extra,
            _top_summary(rows, total, unit),
            chart=rows,
        )
    )
    categories = a["by_category"]
    result.append(
        Table(
            "municipality_categories",
            associations_section,
            gettext("Associations by home municipality and category"),
            [gettext("Municipality"), *(row["name"] for row in categories), gettext("No category")],
            [
                [
                    row["name"],
                    *(row["by_category"][category["slug"]] for category in categories),
                    row["without_category"],
                ]
                for row in a["by_municipality"]
            ],
            gettext("An association with several categories is counted under each of them."),
        )
    )
    rows = [(row["name"], row["count"]) for row in categories]
    result.append(
        Table(
            "categories",
            associations_section,
            gettext("Associations by category"),
            [pgettext("statistics", "Category"), count_header],
            [[label, count] for label, count in rows] + [[gettext("No category"), a["without_category"]]],
            _top_summary(rows, total, unit),
            chart=rows,
        )
    )
    rows = [(row["name"], row["count"]) for row in a["by_target_group"]]
    result.append(
        Table(
            "target_groups",
            associations_section,
            gettext("Associations by target group"),
            [gettext("Target group"), count_header],
            [[label, count] for label, count in rows]
            + [[gettext("No target group"), a["without_target_group"]]],
            _top_summary(rows, total, unit),
            chart=rows,
        )
    )
    rows = [(row["name"], row["count"]) for row in a["by_service_language"]]
    result.append(
        Table(
            "languages",
            associations_section,
            gettext("Associations by language of service"),
            [gettext("Language of service"), count_header],
            [[label, count] for label, count in rows],
            _top_summary(rows, total, unit),
            chart=rows,
        )
    )
    rows = [(f"{row['decade']}–{row['decade'] + 9}", row["count"]) for row in a["by_founding_decade"]]
    result.append(
        Table(
            "founding_decades",
            associations_section,
            gettext("Associations by founding decade"),
            [gettext("Founded"), count_header],
            [[label, count] for label, count in rows]
            + [[gettext("Founding year not given"), a["founding_year_not_given"]]],
            _top_summary(
                rows, total - a["founding_year_not_given"], gettext("associations with a founding year")
            ),
            chart=rows,
        )
    )
    members, volunteers = a["members"], a["volunteers"]
    result.append(
        Table(
            "members_volunteers",
            associations_section,
            gettext("Members and volunteers"),
            [
                pgettext("statistics", "Figure"),
                pgettext("statistics", "Total"),
                gettext("Associations that gave it"),
            ],
            [
                [gettext("Members"), members["total"], members["associations_reporting"]],
                [gettext("Volunteers"), volunteers["total"], volunteers["associations_reporting"]],
            ],
            gettext(
                "%(members)s members in the %(m_count)s associations that gave the number, and "
                "%(volunteers)s volunteers in the %(v_count)s that gave theirs."
            )
            % {
                "members": members["total"],
                "m_count": members["associations_reporting"],
                "volunteers": volunteers["total"],
                "v_count": volunteers["associations_reporting"],
            },
        )
    )
    fresh = a["freshness"]
    result.append(
        Table(
            "freshness",
            associations_section,
            gettext("How fresh the information is"),
            [pgettext("statistics", "Figure"), count_header],
            [
                [gettext("Checked in the last 12 months"), fresh["checked_within_12_months"]],
                [gettext("Not checked in the last 12 months"), fresh["not_checked_within_12_months"]],
            ],
            gettext("%(share)s %% of the profiles have been checked in the last 12 months.")
            % {"share": number_format(fresh["percent_checked"], 1)},
            chart=[
                (gettext("Checked in the last 12 months"), fresh["checked_within_12_months"]),
                (gettext("Not checked in the last 12 months"), fresh["not_checked_within_12_months"]),
            ],
        )
    )

    actions_total = p["total"]
    actions_unit = gettext("actions")
    for slug, caption, header, data, label_key in (
        (
            "programme_status",
            gettext("Programme actions by status"),
            pgettext("statistics", "Status"),
            p["by_status"],
            "label",
        ),
        ("programme_themes", gettext("Programme actions by theme"), gettext("Theme"), p["by_theme"], "title"),
        (
            "programme_years",
            gettext("Programme actions running in each year"),
            pgettext("statistics", "Year"),
            p["by_year"],
            "year",
        ),
        (
            "programme_associations",
            gettext("Programme actions by responsible association"),
            gettext("Association"),
            p["by_association"],
            "title",
        ),
        (
            "programme_municipalities",
            gettext("Programme actions involving each municipality"),
            gettext("Municipality"),
            p["by_municipality"],
            "name",
        ),
    ):
        rows = [(str(row[label_key]), row["count"]) for row in data]
        if slug == "programme_years":
            summary = gettext("An action that runs for several years is counted in each of them.")
        elif slug == "programme_associations":
            summary = gettext("An action with several responsible associations is counted for each of them.")
        elif slug == "programme_municipalities":
            summary = gettext(
                "An action involves a municipality when a responsible association has its home there."
            )
        else:
            summary = _top_summary(rows, actions_total, actions_unit)
        result.append(
            Table(
                slug,
                programme_section,
                caption,
                [header, actions_header],
                [[label, count] for label, count in rows],
                summary,
                chart=rows[:20],
            )
        )

    for survey in figures.surveys:
        if not survey["questions"]:
            continue
        result.append(
            Table(
                f"survey_{survey['id']}",
                survey_section,
                survey["title"],
                [
                    gettext("Question"),
                    gettext("Answers"),
                    pgettext("statistics", "Total"),
                    gettext("Mean"),
                    gettext("Smallest"),
                    gettext("Lower quartile"),
                    gettext("Median"),
                    gettext("Upper quartile"),
                    gettext("Largest"),
                ],
                [
                    [
                        question["label"],
                        question["answers"],
                        question["total"],
                        question["mean"],
                        question["min"],
                        question["q1"],
                        question["median"],
                        question["q3"],
                        question["max"],
                    ]
                    for question in survey["questions"]
                ],
                gettext("Current answers of %(count)s associations; a later answer replaces the earlier one.")
                % {"count": survey["answers"]},
            )
        )
    return result


# --- One municipality ---------------------------------------------------------------------------------------


def municipality_overview(locale, code, names):
    """What the municipality page shows: its associations (in `locale` where translated) by category and
    target group, the programme actions involving it and the upcoming events of its associations."""

    pages = published_associations().filter(home_municipality__code=code)
    total = pages.count()
    by_category = dict(
        pages.order_by()
        .values("categories__slug")
        .annotate(n=Count("pk"))
        .values_list("categories__slug", "n")
    )
    by_target_group = dict(
        pages.order_by()
        .values("target_groups__slug")
        .annotate(n=Count("pk"))
        .values_list("target_groups__slug", "n")
    )
    keys = pages.values("translation_key")
    # The profiles in the page's language where they are published in it, else the original.
    in_language = public_pages(AssociationPage).filter(locale=locale, translation_key__in=keys)
    others = pages.exclude(translation_key__in=in_language.values("translation_key"))
    associations = (
        AssociationPage.objects.filter(Q(pk__in=in_language.values("pk")) | Q(pk__in=others.values("pk")))
        .select_related("locale")
        .prefetch_related("categories")
        .order_by("title", "pk")
    )
    actions = (
        ProgrammeAction.objects.filter(
            locale=locale, programme__in=public_pages(ProgrammePage), parties__association_key__in=keys
        )
        .select_related("programme")
        .distinct()
        .order_by("-programme__period_start", "programme_id", "position")
    )
    now = timezone.now()
    events = (
        public_pages(EventPage)
        .filter(locale=locale)
        .filter(
            Q(organiser_association__translation_key__in=keys)
            | Q(related_associations__translation_key__in=keys)
        )
        .annotate(next_start=Min("occurrence_rows__start", filter=Q(occurrence_rows__end__gte=now)))
        .filter(next_start__isnull=False)
        .order_by("next_start", "pk")
    )
    return {
        "total": total,
        "by_category": [
            {"slug": slug, "name": name, "count": by_category.get(slug, 0)}
            for slug, name in names.category_choices
            if by_category.get(slug)
        ],
        "without_category": by_category.get(None, 0),
        "by_target_group": [
            {"slug": slug, "name": name, "count": by_target_group.get(slug, 0)}
            for slug, name in names.target_group_choices
            if by_target_group.get(slug)
        ],
        "without_target_group": by_target_group.get(None, 0),
        "associations": associations,
        "actions": list(actions),
        "events": list(events[:20]),
    }
