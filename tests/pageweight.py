"""First-view page weight: what a browser downloads for one page with an empty cache.

Counts the HTML (gzip, as served), every stylesheet, script and icon the page
links (gzip level 9, as WhiteNoise pre-compresses them) and the web fonts its
stylesheets declare (woff2, already compressed). Fonts are all counted, an upper
bound: a browser fetches a face only when the page uses it.
"""

import gzip
import re
from html.parser import HTMLParser

from django.contrib.staticfiles import finders
from django.test import Client

PAGE_TYPES = [
    ("home", "/"),
    ("praktijk", "/praktijken/vgv/"),
    ("stap", "/stappen/4-melden-en-veiligheidsbeoordeling/"),
    ("rol en kader", "/rol-en-kader/"),
    ("beleid", "/routekaart/naar-beleid-en-uitvoering/"),
    ("bronnen", "/bronnen/"),
    ("praktijkvoorbeelden", "/stappen/praktijkvoorbeelden/"),
    ("begrippen", "/begrippen/"),
    ("sociale kaart", "/partners/"),
    ("sociale kaart, gefilterd", "/partners/?praktijk=huwelijksdwang&gemeente=GM0345"),
    ("partner", "/partners/lkha/"),
    ("gemeenten", "/gemeenten/"),
    ("gemeente", "/gemeenten/veenendaal/"),
    ("regio's (kaart)", "/regios/"),
    ("regio's (GGD-kaart)", "/regios/?laag=ggd"),
    ("zelfscan, landelijk", "/zelfscan/"),
    ("zelfscan, regio", "/regios/veilig-thuis-utrecht/zelfscan/"),
    ("regio", "/regios/veilig-thuis-utrecht/"),
    ("zoeken", "/zoeken/?q=eerwraak"),
    ("vermoeden", "/vermoeden/?praktijk=vgv&gemeente=Venlo&situatie=vertrek"),
    ("open data", "/open-data/"),
]


class _Assets(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") in ("stylesheet", "icon"):
            self.urls.append(attrs["href"])
        elif tag == "script" and attrs.get("src"):
            self.urls.append(attrs["src"])


def _static_bytes(url):
    path = finders.find(url.removeprefix("/static/"))
    with open(path, "rb") as f:
        return f.read(), path


def measure(url, client=None):
    """{'html': bytes, 'assets': bytes, 'total': bytes, 'requests': n} for one page."""
    client = client or Client()
    response = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    html = response.content
    html_size = (
        len(html) if response.get("Content-Encoding") == "gzip" else len(gzip.compress(html, 9))
    )
    parser = _Assets()
    parser.feed(
        gzip.decompress(html).decode()
        if response.get("Content-Encoding") == "gzip"
        else html.decode()
    )
    asset_size, requests, fonts = 0, 1, set()
    for asset in parser.urls:
        data, path = _static_bytes(asset)
        asset_size += len(gzip.compress(data, 9)) if not path.endswith(".woff2") else len(data)
        requests += 1
        if path.endswith(".css"):
            for font in re.findall(r"url\(([^)]+\.woff2)\)", data.decode()):
                fonts.add((asset, font.strip("'\"")))
    for css_url, font in fonts:
        base = css_url.rsplit("/", 1)[0]
        data, _ = _static_bytes(f"{base}/{font}")
        asset_size += len(data)
        requests += 1
    return {
        "html": html_size,
        "assets": asset_size,
        "total": html_size + asset_size,
        "requests": requests,
    }
