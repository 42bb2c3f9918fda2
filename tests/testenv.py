"""Loaded with `-p tests.testenv` before pytest-django imports the settings.

Tests run with the production defaults (DEBUG off) except HTTPS, because the
test client speaks plain HTTP. DATABASE_URL is left alone, so the same suite runs
on SQLite (default) and on PostgreSQL (CI sets DATABASE_URL).
"""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production-0123456789")
os.environ.setdefault("HTTPS_ONLY", "0")
os.environ.setdefault("STATIC_MANIFEST", "0")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
# Most admin tests log in with force_login; tests/test_admin_security.py switches
# two-factor login back on to test that path.
os.environ.setdefault("ADMIN_REQUIRE_2FA", "0")
