import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction


@pytest.fixture(autouse=True)
def _clear_cache():
    """Each test starts with an empty cache, so cached choices never leak between tests."""
    cache.clear()
    yield
    cache.clear()


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
