"""Fuzz the HSDS API against its own served OpenAPI description: never a 5xx.

Schemathesis generates requests (valid and invalid parameters and ids) from the
served document and calls the WSGI app in process; bounded by max_examples.
"""

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

# Fuzzing and scale run once in CI, on SQLite (see .ci/run).
pytestmark = pytest.mark.once


@pytest.fixture
def api_schema(content):
    # As Django's test client does: keep the test's database connection open.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/hsds/openapi.json", WSGIHandler())
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(
    max_examples=20,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_the_api_never_answers_with_a_server_error(case):
    response = case.call()
    case.validate_response(response, checks=[not_a_server_error])
    assert response.status_code in (200, 304, 400, 404, 405), response.text[:300]
    assert response.headers.get("content-type", [""])[0].startswith("application/json")
