"""Keyboard journeys: only Tab, Shift+Tab, Enter, arrows and typing; focus must be visible
(a solid outline, in view, not covered by the sticky quick-exit bar) at every stop."""

from tests.browser.helpers import PHONE, assert_focus_visible, tab_to


def test_skip_link_moves_focus_to_main_content(new_page):
    for viewport in (None, PHONE):
        page = new_page(**({"viewport": viewport} if viewport else {}))
        page.goto("/stappen/2-vroegsignalering/")
        stops = tab_to(page, "a[href='#main-content']", max_stops=4)
        # Quick exit comes first on purpose: it must be the quickest thing to reach.
        assert stops[0].startswith("Snel weg")
        assert page.locator("a[href='#main-content']").is_visible()
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "main-content"
        # The top of the main content is not hidden under the sticky quick-exit bar.
        bar = page.locator(".quick-exit").bounding_box()
        main = page.locator("#main-content").bounding_box()
        assert main["y"] >= bar["y"] + bar["height"] - 1
        page.keyboard.press("Tab")
        state = assert_focus_visible(page)
        assert page.evaluate("document.querySelector('main').contains(document.activeElement)")
        assert state["text"] == "Home"  # the first breadcrumb


def test_walk_the_route_from_step_1_to_step_7(page):
    page.goto("/")
    tab_to(page, ".route__link[href='/stappen/1-preventie/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/stappen/1-preventie/")
    for number in range(2, 8):
        current = page.locator(".route__link[aria-current='page']")
        assert current.inner_text().startswith(f"{number - 1}")
        tab_to(page, f".route__step:nth-child({number}) .route__link")
        page.keyboard.press("Enter")
        page.wait_for_url(f"**/stappen/{number}-*/")
        assert page.locator("h1").count() == 1
    assert page.locator(".callout__label").first.text_content().startswith("Stap 7 van 7")
    # The pager at the bottom of the page leads back as well.
    tab_to(page, ".step-pager__link--prev")
    page.keyboard.press("Enter")
    page.wait_for_url("**/stappen/6-*/")


def test_filter_directory_by_practice_and_gemeente_then_open_a_partner(page):
    page.goto("/partners/")
    tab_to(page, "#id_praktijk")
    # A closed <select> changes with the arrow keys; "Huwelijksdwang" is typed to select.
    page.keyboard.type("Huwelijksdwang")
    assert page.eval_on_selector("#id_praktijk", "el => el.value") == "huwelijksdwang"
    tab_to(page, "#id_gemeente")
    page.keyboard.type("Utrecht")
    tab_to(page, ".filter-form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/partners/?*praktijk=huwelijksdwang*")
    assert "gemeente=Utrecht" in page.url
    assert "Utrecht" in page.locator(".utrecht-alert--info").inner_text()
    assert page.locator(".org-card").count() > 0
    name = page.locator(".org-card .result__title a").first.inner_text()
    tab_to(page, ".org-card .result__title a")
    page.keyboard.press("Enter")
    page.wait_for_url("**/partners/*/")
    assert page.locator("h1").inner_text() == name


def test_search_from_the_header(page):
    page.goto("/")
    tab_to(page, "#site-search-q", max_stops=8)
    page.keyboard.type("huwelijksdwang")
    page.keyboard.press("Enter")
    page.wait_for_url("**/zoeken/?q=huwelijksdwang")
    assert page.locator(".result").count() > 0
    href = page.locator(".result__title a").first.get_attribute("href")
    tab_to(page, ".result__title a")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{href}")
    assert page.locator("h1").count() == 1


def test_quick_exit_is_the_first_tab_stop(page, neutral):
    page.goto("/partners/fier/")
    page.keyboard.press("Tab")
    state = assert_focus_visible(page)
    assert state["text"].startswith("Snel weg")
    page.keyboard.press("Enter")
    page.wait_for_url(neutral.url)
    assert neutral.referers() == [None]


def test_focus_is_never_hidden_under_the_sticky_bar_when_tabbing_back(page):
    page.goto("/stappen/3-adviezen/")
    # The root does not scroll smoothly: a Tab pressed during a smooth scroll could leave the
    # focus out of view once the scroll ended (this file caught it a few times in ten runs).
    assert page.evaluate("getComputedStyle(document.documentElement).scrollBehavior") == "auto"
    page.keyboard.press("End")
    # Wait for End to reach the bottom before tabbing back.
    # (Polled: the portal's CSP forbids the eval behind wait_for_function.)
    at_bottom = "Math.ceil(scrollY + innerHeight) >= document.documentElement.scrollHeight - 2"
    for _ in range(100):
        if page.evaluate(at_bottom):
            break
        page.wait_for_timeout(50)
    assert page.evaluate(at_bottom), "End did not scroll to the bottom"
    tab_to(page, ".step-pager__link--prev")
    # Back up through the page with Shift+Tab to the breadcrumb: every stop stays in view.
    tab_to(page, ".breadcrumbs a", key="Shift+Tab", max_stops=200)
