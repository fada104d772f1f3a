"""The programme as Python objects: numbering in the editors' order, the timeline grid and progress."""

from collections import Counter

import pytest

from programme.factories import ProgrammePageFactory, action_data, goal_data, theme_data
from programme.structure import Programme

pytestmark = pytest.mark.django_db


def numbered(programme):
    return [
        [(theme.number, theme.title)]
        + [
            [(goal.number, goal.title), [(action.number, action.title) for action in goal.actions]]
            for goal in theme.goals
        ]
        for theme in programme.themes
    ]


def test_themes_goals_and_actions_are_numbered_in_order(home_page):
    page = ProgrammePageFactory(
        parent=home_page,
        themes=[
            theme_data(
                "Osallisuus",
                goal_data("Ääni kuuluu", action_data("Edustus"), action_data("Foorumi")),
                goal_data("Tieto löytyy", action_data("Tietopalvelu")),
            ),
            theme_data("Vapaaehtoisuus", goal_data("Uusia vapaaehtoisia", action_data("Kampanja"))),
        ],
    )
    assert numbered(Programme.from_page(page)) == [
        [
            ("1", "Osallisuus"),
            [("1.1", "Ääni kuuluu"), [("1.1.1", "Edustus"), ("1.1.2", "Foorumi")]],
            [("1.2", "Tieto löytyy"), [("1.2.1", "Tietopalvelu")]],
        ],
        [("2", "Vapaaehtoisuus"), [("2.1", "Uusia vapaaehtoisia"), [("2.1.1", "Kampanja")]]],
    ]


def test_reordering_the_streamfield_renumbers_and_keeps_ids(home_page):
    first = theme_data(
        "Osallisuus",
        goal_data("Ääni kuuluu", action_data("Edustus", id="edustus"), action_data("Foorumi", id="foorumi")),
        id="osallisuus",
    )
    second = theme_data(
        "Vapaaehtoisuus", goal_data("Uusia", action_data("Kampanja", id="kampanja")), id="vapaa"
    )
    page = ProgrammePageFactory(parent=home_page, themes=[first, second])

    # An editor drags the second theme first and the forum above the representation.
    actions = first["value"]["goals"][0]["value"]["actions"]
    actions.reverse()
    page.themes = [second, first]
    page.save_revision().publish()
    page.refresh_from_db()

    programme = Programme.from_page(page)
    assert [(theme.number, theme.id) for theme in programme.themes] == [("1", "vapaa"), ("2", "osallisuus")]
    assert [(action.number, action.id) for action in programme.actions] == [
        ("1.1.1", "kampanja"),
        ("2.1.1", "foorumi"),
        ("2.1.2", "edustus"),
    ]


# The period 2025-2028 has 16 quarter columns: 2025 is columns 1-4, 2026 5-8, 2027 9-12, 2028 13-16.
TIMELINE_CASES = [
    # id, start, end, first column, last column, starts before, ends after, outside
    ("quarters", (2025, 2), (2026, 3), 2, 7, False, False, ""),
    ("whole-years", (2026, None), (2027, None), 5, 12, False, False, ""),
    ("one-quarter", (2027, 4), (2027, 4), 12, 12, False, False, ""),
    ("first-quarter", (2025, 1), (2025, 1), 1, 1, False, False, ""),
    ("last-quarter", (2028, 4), (2028, None), 16, 16, False, False, ""),
    ("begins-before", (2023, 3), (2025, 2), 1, 2, True, False, ""),
    ("ends-after", (2028, 2), (2030, None), 14, 16, False, True, ""),
    ("spans-beyond-both", (2024, None), (2029, 1), 1, 16, True, True, ""),
    ("wholly-before", (2022, None), (2023, 2), 1, 1, True, False, "before"),
    ("quarter-before", (2024, 4), (2024, 4), 1, 1, True, False, "before"),
    ("wholly-after", (2030, 1), (2031, None), 16, 16, False, True, "after"),
    ("quarter-after", (2029, 1), (2029, 1), 16, 16, False, True, "after"),
]


def timeline_page(parent, period=(2025, 2028)):
    actions = [action_data(case[0], id=case[0], start=case[1], end=case[2]) for case in TIMELINE_CASES]
    half = len(actions) // 2
    return ProgrammePageFactory(
        parent=parent,
        period_start=period[0],
        period_end=period[1],
        themes=[
            theme_data("Ensimmäinen", goal_data("Tavoite", *actions[:half]), id="eka"),
            theme_data("Toinen", goal_data("Tavoite", *actions[half:]), id="toka"),
        ],
    )


def test_timeline_places_every_action_on_the_quarter_grid(home_page):
    timeline = Programme.from_page(timeline_page(home_page)).timeline()
    assert timeline.years == [2025, 2026, 2027, 2028]
    assert timeline.columns == 16
    placed = {
        bar.action.id: (bar.first_column, bar.last_column, bar.starts_before, bar.ends_after, bar.outside)
        for bar in timeline.bars
    }
    # None is dropped, however far outside the period.
    assert len(timeline.bars) == len(TIMELINE_CASES)
    assert placed == {case[0]: case[3:] for case in TIMELINE_CASES}
    assert [[bar.action.id for bar in bars] for _theme, bars in timeline.themes] == [
        [case[0] for case in TIMELINE_CASES[:6]],
        [case[0] for case in TIMELINE_CASES[6:]],
    ]


def test_timeline_columns_count_from_the_programmes_own_first_year(home_page):
    # Period 2027-2028: 8 columns, 2027 is 1-4.
    timeline = Programme.from_page(timeline_page(home_page, period=(2027, 2028))).timeline()
    assert timeline.columns == 8
    placed = {bar.action.id: (bar.first_column, bar.last_column, bar.outside) for bar in timeline.bars}
    assert placed["one-quarter"] == (4, 4, "")
    assert placed["whole-years"] == (1, 4, "")  # 2026-2027: cut at the start of 2027
    assert placed["quarters"] == (1, 1, "before")  # Q2/2025-Q3/2026 ends before the period
    assert placed["ends-after"] == (6, 8, "")


STATUSES = {
    # theme -> the statuses of its actions
    "Osallisuus": ["done", "done", "in_progress", "cancelled", "agreed"],
    "Vapaaehtoisuus": ["proposed", "cancelled", "cancelled", "done", "postponed", "in_progress"],
    "Tiedotus": ["cancelled"],
}


def test_progress_counts_statuses_and_leaves_cancelled_out_of_the_share(home_page):
    themes = [
        theme_data(
            title,
            goal_data("A", *(action_data(f"{title} {n}", status=s) for n, s in enumerate(statuses[:2]))),
            goal_data("B", *(action_data(f"{title} {n}", status=s) for n, s in enumerate(statuses[2:], 2))),
        )
        for title, statuses in STATUSES.items()
    ]
    progress = Programme.from_page(ProgrammePageFactory(parent=home_page, themes=themes)).progress()

    everything = [status for statuses in STATUSES.values() for status in statuses]
    expected = Counter(everything)
    assert progress.total == 12
    assert {count.status: count.count for count in progress.counts if count.count} == dict(expected)
    # 3 done of the 12 - 4 cancelled actions.
    assert (progress.done, progress.counted) == (3, 8)
    assert progress.share_done == pytest.approx(3 / 8)
    assert progress.percent_done == 38
    assert sum(float(part["width"]) for part in progress.segments) == pytest.approx(100, abs=0.01)

    by_theme = {row.label: row for row in progress.themes}
    assert list(by_theme) == list(STATUSES)
    for title, statuses in STATUSES.items():
        row = by_theme[title]
        done = statuses.count("done")
        counted = len(statuses) - statuses.count("cancelled")
        assert (row.total, row.done, row.counted) == (len(statuses), done, counted), title
        assert {c.status: c.count for c in row.counts if c.count} == dict(Counter(statuses)), title
    assert by_theme["Osallisuus"].percent_done == 50  # 2 of 4
    assert by_theme["Vapaaehtoisuus"].percent_done == 25  # 1 of 4
    # Only cancelled actions: nothing to count, and no division by zero.
    assert (by_theme["Tiedotus"].counted, by_theme["Tiedotus"].share_done) == (0, 0.0)


def test_progress_of_an_empty_programme_is_zero(home_page):
    progress = Programme.from_page(ProgrammePageFactory(parent=home_page)).progress()
    assert (progress.total, progress.share_done, progress.segments) == (0, 0.0, [])
