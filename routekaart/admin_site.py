"""The portal's admin site ("beheer"): two-factor login and a curation start page.

Staff log in with a password and, when settings.ADMIN_REQUIRE_2FA is on (the
default whenever DEBUG is off), a TOTP code from a device enrolled with
`manage.py admin_totp USERNAME`. The start page lists the partner records that
are due for checking, per Veilig Thuis-regio, within the user's own scope.

Logins are logged with username and client address only, never a password.
"""

import logging

from django import forms
from django.conf import settings
from django.contrib.admin import AdminSite
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.shortcuts import render
from django_otp import devices_for_user
from django_otp.admin import OTPAdminAuthenticationForm, OTPAdminSite
from django_otp.forms import OTPAuthenticationFormMixin

logger = logging.getLogger("routekaart.beheer")


def client_ip(request):
    """The client's IP address, also used by django-axes (AXES_CLIENT_IP_CALLABLE).

    Behind the reverse proxy (BEHIND_PROXY=1) this is the last X-Forwarded-For
    hop, the address the proxy itself saw; anything further left can be forged.
    """
    if request is None:
        return ""
    if settings.SECURE_PROXY_SSL_HEADER:
        hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        hops = [h for h in hops if h]
        if hops:
            return hops[-1]
    return request.META.get("REMOTE_ADDR", "")


def log_login(sender, request, user, **kwargs):
    logger.info("Beheer: ingelogd: gebruiker=%r ip=%s", user.get_username(), client_ip(request))


def log_login_failed(sender, credentials, request=None, **kwargs):
    # `credentials` never reaches the log: only the username is taken from it.
    username = str(credentials.get("username", ""))[:150]
    logger.warning("Beheer: inloggen mislukt: gebruiker=%r ip=%s", username, client_ip(request))


def lockout_response(request, original_response=None, credentials=None):
    """django-axes' lockout page (AXES_LOCKOUT_CALLABLE): HTTP 429 with the admin branding."""
    from django.contrib import admin

    context = {**admin.site.each_context(request), "title": "Inloggen tijdelijk geblokkeerd"}
    return render(request, "admin/lockout.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)


def connect_login_logging():
    user_logged_in.connect(log_login, dispatch_uid="routekaart.beheer.login")
    user_login_failed.connect(log_login_failed, dispatch_uid="routekaart.beheer.login_failed")


class TweeStapsLoginForm(OTPAdminAuthenticationForm):
    """The admin login form with a TOTP code, in Dutch."""

    otp_device = forms.CharField(required=False, widget=forms.Select, label="Apparaat")
    otp_token = forms.CharField(
        required=False,
        label="Code uit uw authenticator-app",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
    otp_error_messages = dict(
        OTPAuthenticationFormMixin.otp_error_messages,
        token_required="Vul de code uit uw authenticator-app in.",
        invalid_token="Deze code klopt niet. Controleer de code en probeer het opnieuw.",
        verification_not_allowed="Controle van de code is tijdelijk uitgeschakeld.",
        device_required="Kies het apparaat waarmee u de code maakt.",
    )

    def _chosen_device(self, user):
        """The device picked in the form, or the user's only device when they have one."""
        device = super()._chosen_device(user)
        if device is None:
            devices = list(devices_for_user(user))
            if len(devices) == 1:
                device = devices[0]
        return device


class PortalAdminSite(OTPAdminSite):
    site_header = "Beheer Routekaart schadelijke praktijken"
    site_title = "Beheer routekaart"
    index_title = "Start"
    index_template = "admin/portal_index.html"

    def __init__(self, name="admin"):
        super().__init__(name)

    @property
    def login_form(self):
        return TweeStapsLoginForm if settings.ADMIN_REQUIRE_2FA else AdminAuthenticationForm

    @property
    def login_template(self):
        return "admin/login_2fa.html" if settings.ADMIN_REQUIRE_2FA else "admin/login.html"

    def has_permission(self, request):
        """Active staff; with ADMIN_REQUIRE_2FA also verified by a TOTP device this session."""
        if settings.ADMIN_REQUIRE_2FA:
            return super().has_permission(request)
        return AdminSite.has_permission(self, request)

    def index(self, request, extra_context=None):
        from partners.due import due_overview
        from routekaart.admin_users import may_make_editors

        context = {
            "te_controleren": due_overview(request.user),
            "kan_redacteur_maken": may_make_editors(request.user),
            "check_interval_days": settings.PARTNER_CHECK_INTERVAL_DAYS,
            **(extra_context or {}),
        }
        return super().index(request, extra_context=context)
