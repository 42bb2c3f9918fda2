"""The admin in a real browser: the region picker speaks Dutch, one form makes a regional editor."""

import secrets


def test_regional_editor_form_with_a_dutch_region_picker(new_page, admin_state):
    page = new_page(storage_state=admin_state)
    page.goto("/beheer/")
    page.get_by_role("link", name="Regionale redacteur toevoegen").first.click()
    page.wait_for_url("**/auth/user/regionale-redacteur/")
    picker = page.locator(".selector")
    picker.wait_for()  # SelectFilter2.js built the two-list picker
    text = picker.inner_text()
    assert "Beschikbare Veilig Thuis-regio's" in text
    assert "Choose" not in text and "Remove" not in text
    titles = page.locator(".selector [title]").evaluate_all("els => els.map(e => e.title)")
    assert titles and not [t for t in titles if "Choose" in t or "Remove" in t], titles

    username = f"regio{secrets.token_hex(3)}"
    password = secrets.token_urlsafe(18)
    page.fill("#id_username", username)
    page.fill("#id_password1", password)
    page.fill("#id_password2", password)
    page.select_option("#id_regios_from", index=0)
    page.click("#id_regios_add")
    with page.expect_navigation():
        page.click("#content-main [type=submit]")
    assert page.url.endswith("/beheer/partners/redacteur/")
    assert f"Regionale redacteur ‘{username}’ aangemaakt" in page.inner_text("body")
