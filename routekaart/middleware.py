"""Site-wide middleware: extra security headers and the database-down page."""

import logging

import csp.middleware
from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.utils import build_policy
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.middleware.gzip import GZipMiddleware
from django.shortcuts import render

logger = logging.getLogger(__name__)

ADMIN_PREFIX = "/beheer/"
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
    "interest-cohort=(), browsing-topics=()"
)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        if request.path.startswith(ADMIN_PREFIX):
            # Admin forms POST to their own origin; "no-referrer" would make browsers
            # send `Origin: null`, which fails Django's CSRF check.
            response["Referrer-Policy"] = "same-origin"
        return response


# What a view or template can set to change the policy of one response (django-csp's
# decorators and nonces); the portal uses none of them today.
_OWN_POLICY_PARTS = tuple(
    f"_csp_{part}{suffix}"
    for part in ("config", "update", "replace", "exempt")
    for suffix in ("", "_ro")
)


class CSPMiddleware(csp.middleware.CSPMiddleware):
    """django-csp's middleware, with the policy built once instead of for every response.

    The policy comes from the settings alone unless a response carries its own parts or
    the request used a nonce; then django-csp builds it as usual. Building it from the
    settings was about a fifth of the time of serving a cached page (docs/benchmarks.md).
    """

    _built = None  # (policy setting, report-only setting, their headers)

    def process_response(self, request, response):
        if (
            settings.DEBUG
            or getattr(request, "_csp_nonce", None) is not None
            or any(hasattr(response, name) for name in _OWN_POLICY_PARTS)
        ):
            return super().process_response(request, response)
        for header, value, excluded in self._policies():
            if value and header not in response and not request.path_info.startswith(excluded):
                response[header] = value
        # As django-csp does: a nonce asked for after the header was written is an error.
        request.csp_nonce = csp.middleware.CheckableLazyObject(self._csp_nonce_post_response)
        return response

    def _policies(self):
        config = getattr(settings, "CONTENT_SECURITY_POLICY", None)
        config_ro = getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
        built = self._built
        if built is None or built[0] is not config or built[1] is not config_ro:
            policies = tuple(
                (
                    header,
                    build_policy(report_only=ro),
                    tuple((c or {}).get("EXCLUDE_URL_PREFIXES") or ()),
                )
                for header, ro, c in (
                    (HEADER, False, config),
                    (HEADER_REPORT_ONLY, True, config_ro),
                )
            )
            self._built = (config, config_ro, policies)
        return self._built[2]


class DatabaseUnavailableMiddleware:
    """Answer 503 with a Dutch maintenance page when the database cannot be reached.

    The page is rendered without touching the database. Nothing is cached or kept:
    as soon as the database answers again, the next request is served normally.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, (OperationalError, InterfaceError)):
            return self._unavailable(request, exception)
        return None

    def _unavailable(self, request, exc):
        # Django closes unusable connections itself when the request finishes, so the
        # next request connects afresh: recovery needs no restart.
        logger.error("Database unavailable: %s", exc.__class__.__name__)
        try:
            response = render(request, "503.html", status=503)
        except Exception:  # noqa: BLE001 - the maintenance page itself must never fail
            response = HttpResponse(MINIMAL_503, status=503)
        response["Retry-After"] = "60"
        return response


MINIMAL_503 = (
    "<!DOCTYPE html><html lang='nl'><title>Onderhoud</title><h1>Tijdelijk niet beschikbaar</h1>"
    "<p>Probeer het over enkele minuten opnieuw. Acuut gevaar? Bel 112. "
    f"Veilig Thuis: {settings.VEILIG_THUIS_TELEFOON}.</p>"
)


class PublicGZipMiddleware(GZipMiddleware):
    """Compress public pages, never the admin.

    Public pages carry no secrets (no CSRF tokens, no personal data), so BREACH-style
    attacks on compression find nothing to recover there; admin pages do carry CSRF
    tokens and are left uncompressed.
    """

    def process_response(self, request, response):
        if request.path.startswith(ADMIN_PREFIX):
            return response
        return super().process_response(request, response)
