"""Zoom, reflow and text spacing (WCAG 1.4.4, 1.4.10, 1.4.12) on every page type.

- 320 CSS px wide (what 400% zoom of a 1280 px window gives): no sideways scrolling;
- text at 200% through the browser's own font-size setting, at 1280 px;
- the WCAG text-spacing values (line height 1.5, letter 0.12em, word 0.16em, paragraph 2em).
Each time nothing may stick out of the viewport or be cut off by a box with hidden overflow.
Colour contrast is checked by axe (test_axe.py) at both widths.
"""

import pytest

from tests.browser.helpers import (
    PAGES,
    PHONE,
    TEXT_SPACING_CSS,
    overflow_problems,
    set_text_size,
)


@pytest.fixture
def csp_free_page(new_page):
    # The strict CSP blocks injected <style>; the text-spacing check has to add one.
    return new_page(viewport=PHONE, bypass_csp=True)


@pytest.mark.parametrize("name", PAGES)
def test_reflow_text_size_and_spacing(csp_free_page, name):
    page = csp_free_page
    page.goto(PAGES[name])
    assert overflow_problems(page) == [], "at 320px"

    spacing = page.add_style_tag(content=TEXT_SPACING_CSS)
    assert overflow_problems(page) == [], "at 320px with WCAG text spacing"
    spacing.evaluate("style => style.remove()")

    page.set_viewport_size({"width": 1280, "height": 900})
    set_text_size(page, 200)
    assert page.evaluate("getComputedStyle(document.documentElement).fontSize") == "32px"
    assert overflow_problems(page) == [], "text at 200% at 1280px"


@pytest.mark.parametrize("text_size", [100, 200])
def test_sticky_quick_exit_bar_leaves_room_on_a_phone(new_page, text_size):
    page = new_page(viewport=PHONE)
    set_text_size(page, text_size)
    page.goto("/stappen/1-preventie/")
    button = page.locator(".quick-exit__link").bounding_box()
    assert button["width"] >= 44 and button["height"] >= 44
    page.mouse.wheel(0, 2000)
    page.wait_for_timeout(300)
    bar = page.locator(".quick-exit")
    # Sticky at every text size (issue 12), and never more than a quarter of the screen.
    assert bar.evaluate("el => getComputedStyle(el).position") == "sticky"
    assert bar.bounding_box()["height"] <= PHONE["height"] / 4
