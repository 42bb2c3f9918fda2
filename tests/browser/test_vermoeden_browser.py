"""Issue 14 in a real browser: the Venlo VGV case answered from the home page with the
keyboard alone, axe on the form and the answer, and the answer printed on one A4 page."""

import re

import pytest

from tests.browser.helpers import DESKTOP, PHONE, axe_violations, broken_idrefs

VENLO_VGV = "/vermoeden/?praktijk=vgv&gemeente=Venlo&situatie=minderjarig&situatie=vertrek"

# Every key pressed, from a fresh home page to the answer. Issue 14: at most 15.
KEYSTROKES = [
    "Tab",  # 1 quick exit ("Snel weg")
    "Tab",  # 2 "Wat doet deze knop?"
    "Tab",  # 3 skip link "Naar: wat te doen bij een vermoeden?"
    "Enter",  # 4 follow it: focus lands on the practice field
    "v",  # 5 "Vrouwelijke genitale verminking (VGV)"
    "Tab",  # 6 gemeente
    "V",  # 7
    "e",  # 8
    "n",  # 9
    "l",  # 10 "Venl": only Venlo starts so, and the page says it took Venlo
    "Tab",  # 11 "jonger dan 18 jaar"
    "Space",  # 12
    "Tab",  # 13 "vertrek naar het buitenland verwacht"
    "Space",  # 14
    "Enter",  # 15 submit
]


def test_venlo_vgv_case_from_the_home_page_with_the_keyboard_alone(page):
    assert len(KEYSTROKES) <= 15
    page.goto("/")
    for key in KEYSTROKES[:4]:
        page.keyboard.press(key)
    assert page.evaluate("document.activeElement.id") == "home-vermoeden-praktijk"
    for key in KEYSTROKES[4:-1]:
        page.keyboard.press(key)
    assert page.evaluate("document.activeElement.id") == "home-vermoeden-situatie-vertrek"
    with page.expect_navigation():
        page.keyboard.press(KEYSTROKES[-1])
    assert "/vermoeden/?" in page.url
    main = page.locator("main").inner_text()
    assert "Eerst: Veilig Thuis Noord- en Midden-Limburg" in main
    for text in (
        "Daarna: Pharos",
        "Handelingsprotocol VGV bij minderjarigen",
        "Meisjes lopen het meeste risico in de langere vakanties",
    ):
        assert text in main
    assert page.locator(".route-contact").first.locator("a[href^='tel:']").count() == 1


@pytest.mark.parametrize("path", ["/vermoeden/", VENLO_VGV, "/vermoeden/?praktijk=x&gemeente=berg"])
def test_form_and_answer_have_no_axe_violations(page, path):
    assert page.goto(path).status == 200
    assert page.locator("h1").count() == 1
    for viewport in (DESKTOP, {"width": 375, "height": 740}, PHONE):
        page.set_viewport_size(viewport)
        report = axe_violations(page)
        assert report == "", f"at {viewport['width']}px:\n{report}"
        overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
        assert not overflow, f"sideways scrolling at {viewport['width']}px"
    assert broken_idrefs(page) == []


@pytest.mark.parametrize(
    "path",
    [
        VENLO_VGV + "&situatie=acuut",
        "/vermoeden/?praktijk=eergerelateerd-geweld&gemeente=Venlo&situatie=acuut"
        "&situatie=minderjarig&situatie=vertrek&situatie=in-buitenland",
        "/vermoeden/?praktijk=achterlating&gemeente=Venlo&situatie=acuut"
        "&situatie=minderjarig&situatie=vertrek&situatie=in-buitenland",
    ],
    ids=["vgv", "egg-alles", "achterlating-alles"],
)
def test_answer_prints_on_one_a4_page_with_date_and_link(page, path):
    page.goto(path)
    page.emulate_media(media="print")
    summary = page.locator(".route-samenvatting").inner_text()
    assert re.search(r"Route van \d{1,2} \w+ 20\d\d", summary)
    assert path.split("?")[1].split("&")[0] in page.locator(".route-deel__link").inner_text()
    assert page.locator(".route-contact a[href='tel:112']").is_visible()
    assert not page.locator(".route-blok--form").is_visible()
    pdf = page.pdf(format="A4", print_background=False)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pages == 1, f"the route prints on {pages} A4 pages"


def test_form_works_without_javascript_and_reports_bad_input_next_to_the_field(new_page):
    page = new_page(java_script_enabled=False)
    page.goto("/vermoeden/")
    page.select_option("#vermoeden-praktijk", "huwelijksdwang")
    page.fill("#vermoeden-gemeente", "Nergenshuizen")
    page.check("#vermoeden-situatie-in-buitenland")
    page.click(".vermoeden-form button[type=submit]")
    page.wait_for_url("**/vermoeden/?*")
    error = page.locator("#vermoeden-gemeente-fout")
    assert "is geen gemeente of woonplaats" in error.inner_text()
    assert "vermoeden-gemeente-fout" in page.get_attribute(
        "#vermoeden-gemeente", "aria-describedby"
    )
    first = page.locator(".route-contact").first
    assert first.get_attribute("data-contact") == "expert"
    assert "LKHA" in first.inner_text()
    assert page.context.cookies() == []
