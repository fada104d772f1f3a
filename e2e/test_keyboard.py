"""A visitor on a 360 px wide screen uses the directory, the programme timeline and an event page with the
keyboard only: every focused element shows its focus, and nothing but keyboard-scrollable regions is wider
than the screen."""

import re

import pytest

WIDTH = 360
TOLERANCE = 1  # sub-pixel rounding
MAX_TABS = 150

FOCUS_STATE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  return {
    tag: el.tagName.toLowerCase(),
    text: (el.getAttribute('aria-label') || el.innerText || '').trim().slice(0, 60),
    name: el.getAttribute('name') || '', value: el.value || '',
    id: el.id, type: el.type || '', className: String(el.className || ''),
    href: el.getAttribute('href') || '',
    in: el.closest('footer') ? 'footer' : el.closest('main') ? 'main' : 'header',
    visible: (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0)
      || style.boxShadow !== 'none',
  };
}"""

# Elements wider than the screen that are not inside a region the keyboard can scroll.
OVERFLOW = """(width) => {
  const offenders = [];
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.right <= width + 1 || box.width === 0) continue;
    // Fine inside a scrolling region the keyboard can reach, or clipped by an ancestor (which is itself
    // checked); not fine inside a region that scrolls only with a mouse or a finger.
    let scroller = el.parentElement, allowed = false;
    while (scroller && scroller !== document.body) {
      const overflow = getComputedStyle(scroller).overflowX;
      if (['auto', 'scroll'].includes(overflow)) { allowed = scroller.tabIndex >= 0; break; }
      if (['hidden', 'clip'].includes(overflow)) { allowed = true; break; }
      scroller = scroller.parentElement;
    }
    if (!allowed) {
      const name = el.tagName.toLowerCase() + (el.className ? '.' + el.className : '');
      offenders.push(name + ' right=' + Math.round(box.right));
    }
  }
  return {scrollWidth: document.documentElement.scrollWidth, offenders: offenders.slice(0, 10)};
}"""


@pytest.fixture
def phone(new_page):
    return new_page(viewport={"width": WIDTH, "height": 740}, is_mobile=True, has_touch=True)


def assert_fits(page):
    result = page.evaluate(OVERFLOW, WIDTH)
    assert result["scrollWidth"] <= WIDTH + TOLERANCE and not result["offenders"], (
        f"{page.url} is wider than {WIDTH} px: {result}"
    )


def tab_to(page, matches, seen=None):
    """Press Tab until the focused element matches; every element passed on the way must show focus."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STATE)
        if state is None:
            continue
        assert state["visible"], f"No visible focus on {state} at {page.url}"
        if seen is not None:
            seen.append(state)
        if matches(state):
            return state
    raise AssertionError(f"Tab never reached the element on {page.url}")


def test_directory_filters_with_the_keyboard_on_a_phone(phone):
    phone.goto("/fi/yhdistykset/")
    assert_fits(phone)
    tab_to(phone, lambda s: s["tag"] == "a" and "skip-link" in s["className"])
    tab_to(phone, lambda s: s["tag"] == "input" and s["type"] == "search" and s["name"] == "q")
    tab_to(phone, lambda s: s["tag"] == "summary" and s["text"].startswith("Kunta"))
    phone.keyboard.press("Enter")  # opens the municipality group
    tab_to(phone, lambda s: s["type"] == "checkbox" and s["name"] == "municipality")
    # Move along the municipalities until Kuopio (code 297) and tick it with the space bar.
    for _ in range(30):
        if phone.evaluate("document.activeElement.value") == "297":
            break
        phone.keyboard.press("Tab")
    assert phone.evaluate("document.activeElement.value") == "297"
    phone.keyboard.press("Space")
    tab_to(phone, lambda s: s["tag"] == "button" and s["text"] == "Näytä yhdistykset")
    with phone.expect_navigation():
        phone.keyboard.press("Enter")
    assert "municipality=297" in phone.url
    cards = phone.locator(".association-card")
    assert cards.count() > 0
    for meta in cards.locator(".association-card__meta").all_inner_texts():
        assert "Kuopio" in meta
    assert_fits(phone)
    # The first result opens with Enter.
    tab_to(phone, lambda s: s["tag"] == "a" and re.search(r"^/fi/yhdistykset/[^/?#]+/$", s["href"]))
    with phone.expect_navigation():
        phone.keyboard.press("Enter")
    assert phone.locator("h1").inner_text()
    assert_fits(phone)


def test_programme_timeline_with_the_keyboard_on_a_phone(phone):
    phone.goto("/fi/yhdistysohjelma/aikajana/")
    assert_fits(phone)
    region = tab_to(phone, lambda s: "timeline-scroll" in s["className"])
    assert region["visible"]
    before = phone.evaluate("document.activeElement.scrollLeft")
    phone.keyboard.press("ArrowRight")
    phone.keyboard.press("ArrowRight")
    phone.wait_for_function("(before) => document.activeElement.scrollLeft > before", arg=before)
    # An action's bar row leads to the action; the same data is in the table further on.
    tab_to(phone, lambda s: s["tag"] == "a" and "#action-" in s["href"])
    tab_to(phone, lambda s: "table-scroll" in s["className"])
    assert phone.locator(".timeline-table tbody tr").count() > 0
    assert_fits(phone)


def test_event_page_with_the_keyboard_on_a_phone(phone):
    phone.goto("/fi/tapahtumat/")
    assert_fits(phone)
    # The first event in the list (the calendar links above it are downloads).
    link = tab_to(
        phone, lambda s: s["tag"] == "a" and re.search(r"^/fi/tapahtumat/(?!ical/)[^/?#]+/$", s["href"])
    )
    with phone.expect_navigation():
        phone.keyboard.press("Enter")
    assert phone.url.endswith(link["href"])
    assert phone.locator("h1").inner_text()
    assert_fits(phone)
    # Everything on the event page shows focus on the way from the top to the footer.
    seen = []
    tab_to(phone, lambda s: s["in"] == "footer", seen)
    assert any(s["in"] == "main" for s in seen)
