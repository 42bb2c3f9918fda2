from html.parser import HTMLParser

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction

from routekaart.versioning import forget_memoised


@pytest.fixture(autouse=True)
def _clear_cache():
    """Each test starts with an empty cache, so cached choices never leak between tests.

    Rolled-back transactions reuse version numbers, so the per-process memos go too."""
    cache.clear()
    forget_memoised()
    yield
    cache.clear()
    forget_memoised()


@pytest.fixture(scope="module")
def _content_module(django_db_setup, django_db_blocker):
    """Load the real content once per test module, inside a transaction rolled back after.

    This is Django's setUpTestData pattern: each test's own transaction nests inside
    this one, and other modules still start from an empty database.
    """
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            call_command("load_content", verbosity=0)
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def content(_content_module, db):
    """The database with the real content fixtures and reference data."""
    return None


class LinkParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])


def links_of(html):
    parser = LinkParser()
    parser.feed(html)
    return parser.links


@pytest.fixture(scope="module")
def crawl(_content_module, django_db_blocker):
    """Every page reachable from the home page: {url: (status, html)}."""
    from django.test import Client

    client = Client()
    pages, queue = {}, ["/"]
    with django_db_blocker.unblock():
        while queue:
            url = queue.pop()
            if url in pages:
                continue
            response = client.get(url)
            html = response.content.decode() if response.status_code == 200 else ""
            pages[url] = (response.status_code, html)
            if response.status_code == 200 and "text/html" in response["Content-Type"]:
                for href in links_of(html):
                    if href.startswith("/") and not href.startswith(("/static/", "/beheer/")):
                        queue.append(href.split("#")[0])
    return pages


def page_organisations(response):
    """The organisations on a directory page, in order (the page holds their ids)."""
    from partners.models import Organisatie

    ids = list(response.context["page"])
    by_pk = Organisatie.objects.in_bulk(ids)
    return [by_pk[pk] for pk in ids]


def page_names(response) -> set[str]:
    return {org.naam for org in page_organisations(response)}
