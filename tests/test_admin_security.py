"""A secure admin: throttled logins, two-factor login, strong passwords, short sessions, logs."""

import io
import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories_curation import PASSWORD, make_landelijk, make_user

pytestmark = pytest.mark.django_db

LOGIN = "/beheer/login/"
BASE_DIR = Path(__file__).resolve().parent.parent


def login(client, username, password, **extra):
    return client.post(
        LOGIN, {"username": username, "password": password, "next": "/beheer/", **extra}
    )


def test_five_failures_lock_the_login_for_an_hour_with_429(client):
    make_landelijk("rosa")
    for _ in range(4):
        assert login(client, "rosa", "fout-wachtwoord-van-vijftien").status_code == 200
    response = login(client, "rosa", "fout-wachtwoord-van-vijftien")
    assert response.status_code == 429
    response = login(client, "rosa", PASSWORD)  # even the right password, now
    assert response.status_code == 429
    assert "Probeer het over een uur opnieuw" in response.content.decode()
    assert settings.AXES_COOLOFF_TIME == 1 and settings.AXES_FAILURE_LIMIT == 5
    # Another account from the same address is not locked out.
    make_landelijk("sam")
    assert login(client, "sam", PASSWORD).status_code == 302


def test_logins_are_logged_without_passwords(client, caplog):
    make_landelijk("rosa")
    with caplog.at_level(logging.INFO, logger="routekaart.beheer"):
        login(client, "rosa", "geheim-fout-wachtwoord-123")
        login(client, "rosa", PASSWORD)
    messages = [r.getMessage() for r in caplog.records if r.name == "routekaart.beheer"]
    assert any("inloggen mislukt" in m and "'rosa'" in m and "127.0.0.1" in m for m in messages)
    assert any("ingelogd" in m and "'rosa'" in m for m in messages)
    assert not any("geheim-fout-wachtwoord-123" in m or PASSWORD in m for m in messages)


def test_client_ip_behind_the_proxy_is_the_last_hop(rf, settings):
    from routekaart.admin_site import client_ip

    request = rf.get("/", HTTP_X_FORWARDED_FOR="1.1.1.1, 10.0.0.7", REMOTE_ADDR="127.0.0.1")
    assert client_ip(request) == "127.0.0.1"
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    assert client_ip(request) == "10.0.0.7"


@pytest.fixture
def two_factor(settings):
    settings.ADMIN_REQUIRE_2FA = True


def test_two_factor_required_staff_without_device_cannot_enter(client, two_factor):
    user = make_landelijk("rosa")
    client.force_login(user)  # a password alone is not enough
    response = client.get("/beheer/")
    assert response.status_code == 302 and response.url.startswith(LOGIN)
    response = login(client, "rosa", PASSWORD)
    assert response.status_code == 200
    assert "Vul de code uit uw authenticator-app in" in response.content.decode()


def test_two_factor_login_with_a_totp_code(client, two_factor):
    user = make_landelijk("rosa")
    device = TOTPDevice.objects.create(user=user, name="telefoon", confirmed=True)
    assert "Code uit uw authenticator-app" in client.get(LOGIN).content.decode()
    response = login(
        client, "rosa", PASSWORD, otp_token="000000" if totp(device.bin_key) != 0 else "111111"
    )
    assert response.status_code == 200
    assert "Deze code klopt niet" in response.content.decode()
    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()
    response = login(client, "rosa", PASSWORD, otp_token=f"{totp(device.bin_key):06d}")
    assert response.status_code == 302
    assert client.get("/beheer/").status_code == 200


def test_two_factor_is_on_by_default_in_production():
    env = {k: v for k, v in os.environ.items() if k not in {"ADMIN_REQUIRE_2FA", "DEBUG"}}
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from django.conf import settings; print('2FA', settings.ADMIN_REQUIRE_2FA)",
        ],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "2FA True" in result.stdout, result.stderr


def test_enrolment_command(capsys):
    user = make_landelijk("rosa")
    out = io.StringIO()
    call_command("admin_totp", "rosa", stdout=out)
    assert "otpauth://totp/" in out.getvalue() and "Sleutel" in out.getvalue()
    assert TOTPDevice.objects.get(user=user).confirmed
    with pytest.raises(CommandError, match="al een app gekoppeld"):
        call_command("admin_totp", "rosa", stdout=io.StringIO())
    call_command("admin_totp", "rosa", replace=True, stdout=io.StringIO())
    assert TOTPDevice.objects.filter(user=user).count() == 1
    with pytest.raises(CommandError, match="Geen gebruiker"):
        call_command("admin_totp", "niemand")
    make_user("bezoeker", staff=False)
    with pytest.raises(CommandError, match="geen medewerker"):
        call_command("admin_totp", "bezoeker")


def test_passwords_need_fifteen_characters_and_not_a_common_one():
    with pytest.raises(ValidationError):
        validate_password("Kort-maar-goed")  # 14
    with pytest.raises(ValidationError):
        validate_password("1234567890123456")
    validate_password(PASSWORD)


def test_sessions_last_at_most_eight_hours():
    assert settings.SESSION_COOKIE_AGE <= 8 * 60 * 60


def test_no_accounts_in_fixtures():
    for path in (BASE_DIR / "fixtures").rglob("*.json"):
        models = {obj["model"] for obj in json.loads(path.read_text(encoding="utf-8"))}
        assert not {"auth.user", "otp_totp.totpdevice", "otp_static.staticdevice"} & models, path


def test_lockout_page_and_login_page_are_dutch(client, two_factor):
    html = client.get(LOGIN).content.decode()
    assert 'lang="nl"' in html and "Inloggen" in html
