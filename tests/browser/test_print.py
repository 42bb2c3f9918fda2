"""Print: content only (no navigation, search or quick-exit button), with link addresses
written out after the link text."""

import pytest

HIDDEN_IN_PRINT = [".quick-exit", ".site-nav", ".site-search", ".breadcrumbs", ".utrecht-skip-link"]

LINK_AFTER_JS = """() => [...document.querySelectorAll('main a[href]')]
  .filter(a => a.getClientRects().length && !a.closest('nav, svg'))
  .map(a => ({href: a.getAttribute('href'), text: a.innerText.trim(),
              after: getComputedStyle(a, '::after').content}))"""


@pytest.mark.parametrize(
    "path", ["/stappen/4-melden-en-veiligheidsbeoordeling/", "/gemeenten/utrecht/"]
)
def test_print_shows_content_without_navigation_and_with_link_addresses(page, path):
    page.goto(path)
    page.emulate_media(media="print")
    for selector in HIDDEN_IN_PRINT:
        for element in page.locator(selector).all():
            assert not element.is_visible(), f"{selector} is printed"
    assert page.locator("h1").is_visible()
    assert page.locator(".site-print-url").inner_text().endswith(path)
    # Closed <details> print open.
    for details in page.locator("details:not([open])").all():
        assert details.locator(":scope > :not(summary)").first.is_visible()

    links = page.evaluate(LINK_AFTER_JS)
    assert links, "no printed links in main"
    missing = []
    for link in links:
        href = link["href"]
        if href.startswith(("tel:", "mailto:", "#")) or link["text"] == href:
            continue  # the text already is the address
        if href not in link["after"]:
            missing.append(f"{link['text']!r} ({href}): {link['after']}")
    assert missing == [], "printed links without their address:\n" + "\n".join(missing[:10])


def test_screen_does_not_show_print_only_parts(page):
    page.goto("/gemeenten/utrecht/")
    assert not page.locator(".site-print-url").is_visible()
