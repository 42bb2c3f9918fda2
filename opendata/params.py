"""Query parameters of the HSDS API: parsed strictly, a bad one is a 400 with a message."""

import uuid
from datetime import datetime, time

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from partners.models import Gemeente, VeiligThuisRegio

MAX_PER_PAGE = 100
DEFAULT_PER_PAGE = 50
KNOWN = {
    "page",
    "per_page",
    "search",
    "taxonomy_term_id",
    "taxonomy_id",
    "organization_id",
    "modified_after",
    "gemeente",
    "regio",
    "full_service",
    "format",
}


class BadParameter(Exception):
    """A query parameter that cannot be used; the message is Dutch / English."""


def _int(params, name, default, low, high):
    raw = params.get(name)
    if raw is None or raw == "":
        return default
    if not raw.isascii() or not raw.isdigit():
        raise BadParameter(
            f"'{name}' moet een geheel getal zijn / '{name}' must be an integer (got '{raw[:40]}')."
        )
    value = int(raw)
    if not low <= value <= high:
        raise BadParameter(
            f"'{name}' moet tussen {low} en {high} liggen / "
            f"'{name}' must be between {low} and {high}."
        )
    return value


def page_params(params):
    return (
        _int(params, "page", 1, 1, 1_000_000),
        _int(params, "per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE),
    )


def uuid_param(params, name):
    raw = params.get(name)
    if not raw:
        return None
    try:
        return str(uuid.UUID(raw))
    except ValueError:
        raise BadParameter(
            f"'{name}' moet een UUID zijn / '{name}' must be a UUID (got '{raw[:40]}')."
        ) from None


def modified_after(params):
    raw = params.get("modified_after")
    if not raw:
        return None
    try:
        value = parse_datetime(raw)
        if value is None:
            day = parse_date(raw)
            value = datetime.combine(day, time.min) if day else None
    except ValueError:
        value = None
    if value is None:
        raise BadParameter(
            "'modified_after' moet een datum of tijdstip zijn (ISO 8601, bijvoorbeeld "
            "2026-01-31) / must be an ISO 8601 date or date-time."
        )
    if timezone.is_naive(value):
        value = timezone.make_aware(value, timezone.get_default_timezone())
    return value


def gemeente(params):
    raw = (params.get("gemeente") or "").strip().upper()
    if not raw:
        return None
    found = Gemeente.objects.filter(code=raw).first()
    if found is None:
        raise BadParameter(
            f"Onbekende gemeentecode '{raw[:20]}' (CBS-code zoals GM0363) / "
            "unknown gemeente code (CBS code such as GM0363)."
        )
    return found


def regio(params):
    raw = (params.get("regio") or "").strip().upper()
    if not raw:
        return None
    found = VeiligThuisRegio.objects.filter(code=raw).first()
    if found is None:
        raise BadParameter(
            f"Onbekende Veilig Thuis-regio '{raw[:20]}' (code zoals VT13) / "
            "unknown Veilig Thuis region code (such as VT13)."
        )
    return found


def search(params):
    value = (params.get("search") or "").strip()
    if len(value) > 200:
        raise BadParameter("'search' is te lang / 'search' is too long (max 200).")
    return value


def unknown(params):
    extra = sorted(set(params) - KNOWN)
    if extra:
        raise BadParameter(
            f"Onbekende parameter(s) / unknown parameter(s): {', '.join(extra)[:200]}. "
            f"Toegestaan / allowed: {', '.join(sorted(KNOWN))}."
        )
