"""The accessibility statement: how to report a problem, with or without a contact address."""


def test_statement_shows_the_contact_address_when_configured(client, db, settings):
    settings.ACCESSIBILITY_CONTACT_EMAIL = "toegankelijkheid@example.nl"
    html = client.get("/toegankelijkheid/").content.decode()
    assert 'href="mailto:toegankelijkheid@example.nl"' in html
    assert "WCAG-EM" in html


def test_statement_falls_back_to_the_beheerder(client, db, settings):
    settings.ACCESSIBILITY_CONTACT_EMAIL = ""
    html = client.get("/toegankelijkheid/").content.decode()
    assert "mailto:" not in html
    assert "Meld het bij de beheerder" in html
