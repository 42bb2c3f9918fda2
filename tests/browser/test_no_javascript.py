"""With JavaScript switched off in the browser, every page, the filters, search and the
find-your-gemeente box still work: they are plain links and GET forms."""

import pytest

from tests.browser.helpers import PAGES


@pytest.fixture
def nojs(new_page):
    return new_page(java_script_enabled=False)


def test_every_page_type_shows_its_content(nojs):
    for name, path in PAGES.items():
        response = nojs.goto(path)
        assert response.status == (404 if name == "404" else 200), path
        main = nojs.locator("main")
        assert nojs.locator("h1").count() == 1, path
        assert nojs.locator("h1").is_visible(), path
        assert len(main.inner_text()) > 200, path
        assert nojs.locator(".quick-exit__link").is_visible(), path


def test_closed_sections_open_without_script(nojs):
    nojs.goto("/gemeenten/")
    region = nojs.locator("details.region-list").first
    assert not region.locator("ul a").first.is_visible()
    region.locator("summary").click()
    assert region.locator("ul a").first.is_visible()


def test_filter_the_directory(nojs):
    nojs.goto("/partners/")
    total = nojs.locator("#resultaten").inner_text()
    nojs.select_option("#id_praktijk", "vgv")
    nojs.fill("#id_gemeente", "Veenendaal")
    nojs.click(".filter-form button[type=submit]")
    nojs.wait_for_url("**/partners/?*")
    assert "praktijk=vgv" in nojs.url and "gemeente=Veenendaal" in nojs.url
    assert nojs.locator("#resultaten").inner_text() != total
    assert "Veenendaal" in nojs.locator(".utrecht-alert--info").inner_text()
    # The chosen filters stay in the form, so they can be changed step by step.
    assert nojs.eval_on_selector("#id_praktijk", "el => el.value") == "vgv"
    nojs.fill("#id_q", "qqxzzy")
    nojs.click(".filter-form button[type=submit]")
    assert "Geen organisaties gevonden" in nojs.locator("main").inner_text()


def test_unknown_gemeente_in_the_filter_is_explained(nojs):
    nojs.goto("/partners/?gemeente=Nergenshuizen")
    field = nojs.locator("#id_gemeente")
    assert field.get_attribute("aria-invalid") == "true"
    error = nojs.locator("#id_gemeente_error")
    assert "Onbekende gemeente" in error.inner_text()
    assert "id_gemeente_error" in field.get_attribute("aria-describedby")


def test_search(nojs):
    nojs.goto("/")
    nojs.fill("#site-search-q", "huwelijksdwang")
    nojs.press("#site-search-q", "Enter")
    nojs.wait_for_url("**/zoeken/?q=huwelijksdwang")
    assert nojs.locator(".result").count() > 0
    nojs.fill("#zoek-q", "qqxzzy")
    nojs.press("#zoek-q", "Enter")
    nojs.wait_for_url("**/zoeken/?q=qqxzzy")
    assert nojs.locator(".result").count() == 0
    # No results: the page offers the find-your-gemeente box.
    assert nojs.locator("#zoek-gemeente").is_visible()


def test_find_your_gemeente(nojs):
    nojs.goto("/")
    nojs.fill("#home-gemeente", "'s-Hertogenbosch")
    nojs.click(".gemeente-form button[type=submit]")
    nojs.wait_for_url("**/gemeenten/*/")
    assert nojs.locator("h1").inner_text() == "Wie belt u in 's-Hertogenbosch?"
    # A typo gets suggestions instead of a dead end.
    nojs.goto("/gemeenten/")
    nojs.fill("#gemeente-zoek", "Utrech")
    nojs.click(".gemeente-form button[type=submit]")
    suggestion = nojs.locator("[aria-labelledby=suggesties-titel] a", has_text="Utrecht").first
    suggestion.click()
    nojs.wait_for_url("**/gemeenten/*/")
    assert "Utrecht" in nojs.locator("h1").inner_text()


def test_region_map_links_work(nojs):
    nojs.goto("/regios/")
    nojs.locator(".vt-map__link[aria-label='Veilig Thuis Zeeland']").click()
    nojs.wait_for_url("**/regios/veilig-thuis-zeeland/")
    assert nojs.locator(".vt-map__link[aria-current='true']").count() == 1
