"""The zelfscan pages with every region filled in (fictitious data), in a real browser:
axe at phone and desktop width, the map's labels, and the admin's step screen."""

import pytest

from tests.browser.helpers import check_both_widths


@pytest.fixture
def filled(portal):
    portal.manage("generate_fictitious_zelfscan", "--seed", "3")
    yield
    portal.manage("generate_fictitious_zelfscan", "--delete")


@pytest.mark.parametrize("url", ["/zelfscan/", "/regios/veilig-thuis-utrecht/zelfscan/"])
def test_filled_scan_pages_have_no_axe_violations(page, filled, url):
    page.goto(url)
    assert page.locator("h1").count() == 1
    check_both_widths(page)


def test_the_national_map_labels_every_region_with_a_number(page, filled):
    page.goto("/zelfscan/")
    labels = page.eval_on_selector_all(
        ".zelfscan-kaart__label", "labels => labels.map(label => label.textContent)"
    )
    assert len(labels) == 25 and all(label.endswith("%") for label in labels)


def test_the_admin_step_screen_has_no_axe_violations(new_page, admin_state):
    page = new_page(storage_state=admin_state)
    page.goto("/beheer/zelfscan/zelfscan/")
    page.get_by_role("link", name="Stap 3").first.click()
    page.wait_for_url("**/stap/3/")
    assert page.locator("fieldset.zelfscan-punt").count() >= 5
    check_both_widths(page)


def test_a_region_scan_prints_on_a4_without_the_site_around_it(page, filled):
    page.goto("/regios/veilig-thuis-utrecht/zelfscan/")
    page.emulate_media(media="print")
    assert not page.locator(".quick-exit").first.is_visible()
    assert not page.locator(".site-nav").first.is_visible()
    assert page.locator(".zelfscan__punt").first.is_visible()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and b"/MediaBox [0 0 595" in pdf
