"""Print: content only (no navigation, search or quick-exit button), with link addresses
written out after the link text."""

import re

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
    assert f"{path} op " in page.locator(".site-print-url").inner_text()
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


STEPS = [
    "1-preventie",
    "2-vroegsignalering",
    "3-adviezen",
    "4-melden-en-veiligheidsbeoordeling",
    "5-beschermen",
    "6-begeleiding-en-hulp",
    "7-monitoring",
]


def _pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


@pytest.mark.parametrize("slug", STEPS)
def test_a_steps_checklist_prints_alone_on_one_or_two_a4_pages(page, slug):
    page.goto(f"/stappen/{slug}/")
    page.get_by_role("link", name="Alleen de checklist van deze stap afdrukken").click()
    assert page.url.endswith(f"/stappen/{slug}/checklist/")
    assert page.locator("h1").inner_text().startswith("Wat moet er zijn of geregeld worden")
    pages = _pdf_pages(page.pdf(format="A4"))
    assert 1 <= pages <= 2, f"{slug}: {pages} A4 pages"


def test_the_checklist_holds_every_point_of_the_step(page):
    page.goto("/stappen/4-melden-en-veiligheidsbeoordeling/checklist/")
    titles = page.locator(".checklist__title").all_inner_texts()
    assert len(titles) == 7, titles
    assert any("Verhoog de bekendheid met de meldcode" in t for t in titles)
    # The whole step page needs far more paper: that is why the checklist exists.
    page.goto("/stappen/4-melden-en-veiligheidsbeoordeling/")
    assert _pdf_pages(page.pdf(format="A4")) > 2


def test_printed_internal_links_are_absolute_and_dated(page, portal):
    page.goto("/stappen/5-beschermen/")
    page.emulate_media(media="print")
    internal = [
        link
        for link in page.evaluate(LINK_AFTER_JS)
        if link["href"].startswith("/") and link["text"] != link["href"]
    ]
    assert internal, "no internal links in main"
    relative = [link for link in internal if f"{portal.url}{link['href']}" not in link["after"]]
    assert relative == [], relative[:5]
    today = page.evaluate(
        "new Date().toLocaleDateString('nl-NL', {day: 'numeric', month: 'long', year: 'numeric'})"
    )
    assert page.locator(".site-print-url").inner_text().endswith(f"op {today}")
