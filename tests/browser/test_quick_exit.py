"""The quick-exit ("Snel weg") button in a real browser, against a local neutral site
that records the Referer header of every request (QUICK_EXIT_URL points at it)."""

import pytest

from tests.browser.helpers import set_text_size, tab_to

PORTAL_PAGE = "/praktijken/huwelijksdwang/"


def arrive_from_elsewhere(page, neutral):
    """History: the neutral site's /start page, then a portal page."""
    page.goto(f"{neutral.url}start")
    page.goto(PORTAL_PAGE)
    assert page.locator("h1").inner_text() == "Huwelijksdwang"


def assert_left_for_neutral_site(page, neutral, portal):
    page.wait_for_url(neutral.url)
    assert page.title() == "Neutrale site"
    assert neutral.referers() == [None, None], "the neutral site must not learn where we came from"
    # Back goes to the page before the portal, not to the portal page itself.
    page.go_back()
    assert page.url == f"{neutral.url}start"
    assert not page.url.startswith(portal.url)


def click_button(page):
    page.locator(".quick-exit__link").click()


def press_shift_three_times(page):
    for _ in range(3):
        page.keyboard.press("Shift")


def use_secondary_skip_link(page):
    tab_to(page, ".utrecht-skip-link[data-quick-exit]", max_stops=4)
    assert page.locator(".utrecht-skip-link[data-quick-exit]").is_visible()
    page.keyboard.press("Enter")


@pytest.mark.parametrize("leave", [click_button, press_shift_three_times, use_secondary_skip_link])
def test_quick_exit_lands_on_the_neutral_site_without_trace(page, neutral, portal, leave):
    arrive_from_elsewhere(page, neutral)
    leave(page)
    assert_left_for_neutral_site(page, neutral, portal)


def test_quick_exit_without_javascript(new_page, neutral, portal):
    page = new_page(java_script_enabled=False)
    page.goto(PORTAL_PAGE)
    page.locator(".quick-exit__link").click()
    page.wait_for_url(neutral.url)
    assert neutral.referers() == [None]


def test_shift_with_letters_does_not_leave(page, neutral):
    page.goto(PORTAL_PAGE)
    search = page.locator("#site-search-q")
    search.focus()
    # Typing capitals: Shift goes down with a letter each time.
    for key in ("Shift+KeyD", "Shift+KeyE", "Shift+KeyN", "Shift+KeyH"):
        page.keyboard.press(key)
    # Holding Shift (key repeat) while reading is not three presses either.
    page.keyboard.down("Shift")
    page.keyboard.down("Shift")
    page.keyboard.down("Shift")
    page.keyboard.up("Shift")
    # Shift+Tab thrice moves focus backwards; it is navigation, not an escape.
    for _ in range(3):
        page.keyboard.press("Shift+Tab")
    page.wait_for_timeout(300)
    assert page.url.endswith(PORTAL_PAGE)
    assert search.input_value() == "DENH"
    assert neutral.requests == []


def test_shift_presses_spread_over_more_than_five_seconds_do_not_leave(page, neutral):
    page.goto(PORTAL_PAGE)
    page.clock.install()
    page.keyboard.press("Shift")
    page.clock.fast_forward(3000)
    page.keyboard.press("Shift")
    page.clock.fast_forward(3000)
    page.keyboard.press("Shift")  # the first press is now more than 5 s old
    page.wait_for_timeout(300)
    assert page.url.endswith(PORTAL_PAGE)
    assert neutral.requests == []


LONG_PAGES = ["/praktijken/vgv/", "/bronnen/", "/regios/veilig-thuis-oost-brabant/"]


def quick_exit_in_view(page):
    """The button's whole box lies inside the viewport, and it is the topmost element there."""
    return page.evaluate(
        """() => {
          const button = document.querySelector('.quick-exit__link');
          const box = button.getBoundingClientRect();
          const inside = box.top >= 0 && box.left >= 0 && box.bottom <= innerHeight
            && box.right <= innerWidth && box.width > 0 && box.height > 0;
          const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
          return {inside, onTop: !!hit && button.contains(hit), box: [box.top, box.bottom]};
        }"""
    )


@pytest.mark.parametrize("url", LONG_PAGES)
@pytest.mark.parametrize(
    "width, height, text_size",
    [
        (375, 667, 100),
        (1280, 900, 100),
        (320, 640, 100),
        (1920, 1080, 100),
        (375, 667, 200),
        (1280, 900, 200),
    ],
)
def test_quick_exit_stays_in_view_at_every_scroll_position(new_page, url, width, height, text_size):
    page = new_page(viewport={"width": width, "height": height})
    set_text_size(page, text_size)
    page.goto(url)
    total = page.evaluate("document.documentElement.scrollHeight")
    assert total > 3 * height, f"{url} is not a long page at {width}px"
    for y in [height, total // 2, total]:
        page.evaluate(f"window.scrollTo({{top: {y}, behavior: 'instant'}})")
        page.wait_for_timeout(50)
        state = quick_exit_in_view(page)
        assert state["inside"] and state["onTop"], f"scrolled to {y} of {total}: {state}"
    # Still the first stop of the tab order, from the bottom of the page too.
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('quick-exit__link')")


def test_sticky_bar_does_not_cover_the_target_of_an_in_page_link(new_page):
    page = new_page(viewport={"width": 375, "height": 667})
    page.goto("/praktijken/vgv/")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # "Naar de inhoud"
    page.keyboard.press("Enter")
    page.wait_for_timeout(400)
    bar = page.locator(".quick-exit").bounding_box()
    heading = page.locator("main h1").bounding_box()
    assert heading["y"] >= bar["y"] + bar["height"] - 1, (bar, heading)


def test_back_after_a_quick_exit_never_shows_a_portal_page(page, neutral, portal):
    """Three portal pages read, then the exit: Back and Forward stay off the portal."""
    page.goto(f"{neutral.url}start")
    for url in ("/praktijken/huwelijksdwang/", "/stappen/1-preventie/", "/praktijken/vgv/"):
        page.goto(url)
    page.locator(".quick-exit__link").click()
    page.wait_for_url(neutral.url)
    seen = []
    for _ in range(4):
        page.go_back()
        page.wait_for_url(lambda u: not u.startswith(portal.url), timeout=5000)
        page.wait_for_load_state()
        seen.append(page.url)
        if page.url == f"{neutral.url}start":
            break
    assert seen[-1] == f"{neutral.url}start", seen
    assert not any(u.startswith(portal.url) for u in seen), seen
    page.go_forward()
    page.wait_for_url(lambda u: not u.startswith(portal.url), timeout=5000)
    assert not page.url.startswith(portal.url)
