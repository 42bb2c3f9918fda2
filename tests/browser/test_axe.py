"""axe-core with the WCAG 2.0/2.1 A and AA rules on every page type, at desktop and phone
width. One page load serves both widths: axe runs, the viewport narrows, axe runs again."""

import pytest

from tests.browser.helpers import PAGES, axe_version, check_both_widths


@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_axe_violations(page, name):
    response = page.goto(PAGES[name])
    assert response.status == (404 if name == "404" else 200)
    assert page.locator("h1").count() == 1
    check_both_widths(page)


def test_admin_login_has_no_axe_violations(page):
    page.goto("/beheer/login/")
    check_both_widths(page)


def test_admin_change_form_has_no_axe_violations(new_page, admin_state):
    page = new_page(storage_state=admin_state)
    page.goto("/beheer/stappen/ketenstap/")
    page.locator("#result_list tbody a").first.click()
    page.wait_for_url("**/change/")
    assert page.locator("#content-main form").count() == 1
    check_both_widths(page)


def test_accessibility_statement_names_the_axe_version_we_test_with(page):
    page.goto("/toegankelijkheid/")
    assert f"axe-core (versie {axe_version(page)})" in page.locator("main").inner_text()
