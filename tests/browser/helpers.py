"""Checks run inside the page. Plain functions on a Playwright Page; no Playwright import
here, so the test modules import without Playwright and skip cleanly."""

DESKTOP = {"width": 1280, "height": 900}
# The narrowest phone width: WCAG 1.4.10 asks for reflow at 320 CSS px.
PHONE = {"width": 320, "height": 640}

# One page of every type, with the state that matters (filtered, empty, error).
PAGES = {
    "home": "/",
    "praktijk": "/praktijken/huwelijksdwang/",
    "stap": "/stappen/4-melden-en-veiligheidsbeoordeling/",
    "rol-en-kader": "/rol-en-kader/",
    "beleid": "/routekaart/naar-beleid-en-uitvoering/",
    "bronnen": "/bronnen/",
    "praktijkvoorbeelden": "/stappen/praktijkvoorbeelden/?praktijk=vgv",
    "praktijkvoorbeelden-fout": "/stappen/praktijkvoorbeelden/?gemeente=Nergenshuizen",
    "begrippen": "/begrippen/",
    "sociale-kaart": "/partners/",
    "sociale-kaart-gefilterd": "/partners/?praktijk=huwelijksdwang&gemeente=Utrecht",
    "sociale-kaart-geen-resultaten": "/partners/?q=qqxzzy",
    "sociale-kaart-fout": "/partners/?gemeente=Nergenshuizen",
    "gemeenten": "/gemeenten/?gemeente=Utrech",
    "gemeente": "/gemeenten/utrecht/",
    "regio-met-kaart": "/regios/veilig-thuis-utrecht/",
    "regios-kaart": "/regios/",
    "regios-kaart-ggd": "/regios/?laag=ggd",
    "gemeenten-meerdere": "/gemeenten/?gemeente=Rozenburg",
    "zelfscan-regio-leeg": "/regios/veilig-thuis-utrecht/zelfscan/",
    "zelfscan-landelijk-leeg": "/zelfscan/",
    "stap-checklist": "/stappen/4-melden-en-veiligheidsbeoordeling/checklist/",
    "open-data": "/open-data/",
    "partner": "/partners/fier/",
    "zoeken": "/zoeken/?q=huwelijksdwang",
    "zoeken-geen-resultaten": "/zoeken/?q=qqxzzy",
    "404": "/deze-pagina-bestaat-niet/",
    "toegankelijkheid": "/toegankelijkheid/",
    "veilig-internetten": "/veilig-internetten/",
}

# The WCAG 2.0 and 2.1 success criteria at levels A and AA.
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}


def _axe_script():
    from axe_playwright_python.base import AXE_SCRIPT

    return AXE_SCRIPT


def axe_violations(page):
    """Run axe-core on the page; return a readable report, empty when there are none.

    axe is injected once per document, so a second run (at another width) is cheap.
    """
    from axe_playwright_python.base import AxeResults

    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(_axe_script())
    results = AxeResults(page.evaluate("options => axe.run(document, options)", AXE_OPTIONS))
    return results.generate_report() if results.violations_count else ""


def axe_version(page):
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(_axe_script())
    return page.evaluate("axe.version")


BROKEN_IDREFS_JS = """() => {
  const broken = [];
  for (const attr of ['aria-describedby', 'aria-labelledby', 'aria-controls', 'for']) {
    for (const el of document.querySelectorAll(`[${attr}]`)) {
      for (const id of el.getAttribute(attr).split(/\\s+/).filter(Boolean)) {
        if (!document.getElementById(id)) {
          broken.push(`${el.tagName.toLowerCase()}#${el.id} ${attr}="${id}"`);
        }
      }
    }
  }
  return broken;
}"""


def broken_idrefs(page):
    """aria-describedby/labelledby/controls and label[for] that point at no element.

    axe files these under "needs review", not as violations, yet a help text or error
    that is not linked to its field is a real 1.3.1 / 3.3.1 failure.
    """
    return page.evaluate(BROKEN_IDREFS_JS)


OVERFLOW_JS = """() => {
  const vw = document.documentElement.clientWidth;
  const problems = [];
  const name = el => {
    const classes = typeof el.className === 'string' ? el.className.trim().split(/\\s+/) : [];
    return el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
      + classes.filter(Boolean).map(c => '.' + c).join('');
  };
  const pageWidth = document.documentElement.scrollWidth;
  if (pageWidth > vw + 1) problems.push(`the page scrolls sideways: ${pageWidth}px in ${vw}px`);
  for (const el of document.body.querySelectorAll('*')) {
    // Visually hidden text and the skip links are off screen on purpose.
    if (el.closest('.visually-hidden, .utrecht-skip-link, script, style, template')) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden') continue;
    const rect = el.getBoundingClientRect();
    if (rect.width === 0 || rect.height === 0) continue;
    if (rect.right > vw + 1 || rect.left < -1) {
      const span = `${Math.round(rect.left)}..${Math.round(rect.right)}px`;
      problems.push(`${name(el)} reaches ${span} in a ${vw}px viewport`);
    }
    if (['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName)) continue;
    const clipsX = /hidden|clip/.test(style.overflowX);
    const clipsY = /hidden|clip/.test(style.overflowY);
    const wider = el.scrollWidth > el.clientWidth + 1;
    const taller = el.scrollHeight > el.clientHeight + 1;
    if ((clipsX && wider) || (clipsY && taller)) {
      const sizes = `${el.scrollWidth}x${el.scrollHeight} in ${el.clientWidth}x${el.clientHeight}`;
      problems.push(`${name(el)} cuts off its content (${sizes})`);
    }
    if (style.textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth + 1) {
      problems.push(`${name(el)} truncates its text with an ellipsis`);
    }
  }
  return problems.slice(0, 15);
}"""


def overflow_problems(page):
    """Sideways scrolling, boxes sticking out of the viewport, and clipped content."""
    return page.evaluate(OVERFLOW_JS)


def set_text_size(page, percent):
    """Change the browser's default font size, as its text-size setting does (1.4.4).

    Unlike a style on <html> this also scales em in media queries, like the real setting.
    """
    # The session stays open: detaching it drops the setting at the next navigation.
    cdp = page.context.new_cdp_session(page)
    sizes = {"standard": 16 * percent // 100, "fixed": 13 * percent // 100}
    cdp.send("Page.setFontSizes", {"fontSizes": sizes})


# WCAG's text-spacing bookmarklet values (1.4.12).
TEXT_SPACING_CSS = """
* {
  line-height: 1.5 !important;
  letter-spacing: 0.12em !important;
  word-spacing: 0.16em !important;
}
p { margin-bottom: 2em !important; }
"""

FOCUS_JS = """async () => {
  // Give a focus move up to ~300 frames (5 s; a loaded CI machine draws slowly) to bring
  // the element into view and lay out before judging.
  const frame = () => new Promise(resolve => requestAnimationFrame(resolve));
  let state;
  for (let i = 0; i < 300; i++) {
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) return {missing: true};
    const style = getComputedStyle(el);
    const rects = el.getClientRects();
    const rect = rects.length ? rects[0] : el.getBoundingClientRect();
    const x = Math.min(Math.max(rect.left + rect.width / 2, 0), innerWidth - 1);
    const points = [rect.top + 2, rect.top + rect.height / 2, rect.bottom - 2];
    const covered = points.filter(y => {
      if (y < 0 || y >= innerHeight) return true;
      const hit = document.elementFromPoint(x, y);
      return !hit || !(hit === el || el.contains(hit));
    });
    state = {
      missing: false,
      element: el.outerHTML.slice(0, 160),
      text: (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 80),
      outline: !['none', 'auto'].includes(style.outlineStyle)
        && parseFloat(style.outlineWidth) >= 2,
      outlineStyle: `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`,
      inViewport: rect.bottom > 0 && rect.top < innerHeight
        && rect.right > 0 && rect.left < innerWidth,
      obscured: covered.length > 0,
    };
    if (state.outline && state.inViewport && !state.obscured) break;
    await frame();
  }
  return state;
}"""


def focus_state(page):
    return page.evaluate(FOCUS_JS)


def assert_focus_visible(page):
    """The focused element shows a solid outline of 2px or more and is not covered."""
    state = focus_state(page)
    assert not state["missing"], "nothing has keyboard focus"
    assert state["outline"], f"no focus indicator ({state['outlineStyle']}): {state['element']}"
    assert state["inViewport"], f"focused element is scrolled out of view: {state['element']}"
    assert not state["obscured"], f"focused element is (partly) covered: {state['element']}"
    return state


def tab_to(page, selector, max_stops=150, key="Tab"):
    """Press Tab until `selector` has focus, checking visible focus at every stop.

    Returns the texts of the stops passed on the way.
    """
    stops = []
    for _ in range(max_stops):
        page.keyboard.press(key)
        state = assert_focus_visible(page)
        stops.append(state["text"])
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return stops
    raise AssertionError(f"{selector} not reached in {max_stops} Tab presses; stops: {stops[-10:]}")


def check_both_widths(page):
    """axe at desktop and phone width on one page load, and no broken id references."""
    for viewport in (DESKTOP, PHONE):
        page.set_viewport_size(viewport)
        report = axe_violations(page)
        assert report == "", f"at {viewport['width']}px:\n{report}"
    assert broken_idrefs(page) == []
