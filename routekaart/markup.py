"""Markdown rendering for editor-written text: sanitised, with glossary abbreviations.

Editors write Markdown in the admin. It is rendered by python-markdown and then
cleaned by nh3 (an allow-list HTML sanitiser), so no editor can inject script,
event handlers or javascript: URLs. After sanitising, the first occurrence of each
glossary term in the text is wrapped in <abbr title="…">.
"""

import re
from functools import lru_cache

import markdown
import nh3

ALLOWED_TAGS = {
    "a",
    "abbr",
    "blockquote",
    "br",
    "code",
    "div",
    "em",
    "h3",
    "h4",
    "li",
    "ol",
    "p",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "class"},
    "abbr": {"title"},
    "div": {"class"},
    "li": {"id"},
    "sup": {"id"},
    "td": {"colspan"},
    "th": {"scope"},
}
# Footnotes ("text[^1]" and "[^1]: note") need their own ids and classes; nothing else
# an editor writes gets an id or a class.
_FOOTNOTE_VALUES = re.compile(r"fn:\d+|fnref:\d+|footnote|footnote-ref|footnote-backref")


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if attribute in {"id", "class"}:
        return value if _FOOTNOTE_VALUES.fullmatch(value) else None
    return value


ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}

_FOOTNOTE_CONFIG = {
    "BACKLINK_TEXT": "↩",
    "BACKLINK_TITLE": "Terug naar de tekst bij voetnoot %d",
    "SUPERSCRIPT_TEXT": "{}",
}

# Splits HTML into tags and text so that only text is touched.
_TAG_OR_TEXT = re.compile(r"(<[^>]+>)")


def sanitise_html(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        attribute_filter=_attribute_filter,
    )


def render_markdown(text: str, glossary: dict[str, str] | None = None) -> str:
    """Render Markdown to safe HTML; mark up glossary terms with <abbr> when given."""
    if not text:
        return ""
    html = markdown.markdown(
        text,
        extensions=["extra", "sane_lists"],
        extension_configs={"extra": {"footnotes": _FOOTNOTE_CONFIG}},
        output_format="html",
    )
    html = sanitise_html(html)
    if glossary:
        html = mark_abbreviations(html, glossary)
    return html


@lru_cache(maxsize=64)
def _term_pattern(terms: tuple[str, ...]) -> re.Pattern:
    # Longest first, so "LEC EGG" wins over "EGG".
    alternatives = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])({alternatives})(?![\w-])")


def mark_abbreviations(html: str, glossary: dict[str, str]) -> str:
    """Wrap the first occurrence of each glossary term in text (not in tags or links)."""
    if not glossary:
        return html
    pattern = _term_pattern(tuple(sorted(glossary)))
    seen: set[str] = set()
    out = []
    depth_skip = 0  # inside <a> or <abbr>: leave the text alone
    for part in _TAG_OR_TEXT.split(html):
        if part.startswith("<"):
            name = part[1:].split(None, 1)[0].rstrip(">/").lower()
            if name in {"a", "abbr"}:
                depth_skip += 1
            elif name in {"/a", "/abbr"}:
                depth_skip = max(0, depth_skip - 1)
            out.append(part)
            continue
        if depth_skip:
            out.append(part)
            continue

        def replace(match):
            term = match.group(1)
            if term in seen:
                return term
            seen.add(term)
            title = glossary[term].replace("&", "&amp;").replace('"', "&quot;")
            return f'<abbr title="{title}">{term}</abbr>'

        out.append(pattern.sub(replace, part))
    return "".join(out)
