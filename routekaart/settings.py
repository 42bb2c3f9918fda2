"""Settings for the Routekaart schadelijke praktijken portal.

Everything that differs between a laptop and production is read from the
environment (see .env.example). The defaults are production-safe: DEBUG is off,
HTTPS is enforced and SECRET_KEY is required. `make run` opts out of HTTPS
explicitly because it serves plain HTTP on the loopback interface.
"""

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from routekaart.conf import (
    env_bool,
    env_int,
    env_list,
    env_str,
    parse_cache_url,
    parse_database_url,
    static_headers,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

DEBUG = env_bool("DEBUG", False)

# The key comes from the environment, or from the file `make run` generates (so that
# manage.py commands work next to a local server without exporting it by hand).
SECRET_KEY = env_str("SECRET_KEY")
_secret_key_file = Path(env_str("SECRET_KEY_FILE", str(VAR_DIR / "secret_key")))
if not SECRET_KEY and _secret_key_file.is_file():
    SECRET_KEY = _secret_key_file.read_text().strip()
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is required when DEBUG is off. `make run` generates one into var/."
        )
    SECRET_KEY = "insecure-development-key-only-used-with-DEBUG-on"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # The admin with two-factor login and the curation start page (routekaart/admin_site.py).
    "routekaart.admin_apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    # Full-text and trigram search lookups on PostgreSQL (routekaart/search.py).
    "django.contrib.postgres",
    "django_filters",
    "simple_history",
    "csp",
    "import_export",
    "django_otp",
    # Dutch admin names for these packages' sections (routekaart/admin_apps.py).
    "routekaart.admin_apps.OtpTotpConfig",
    "routekaart.admin_apps.OtpStaticConfig",
    "routekaart.admin_apps.AxesConfig",
    "routekaart",
    "praktijken",
    "stappen",
    "partners",
    "vermoeden",
    "zelfscan",
    "opendata",
]

# The apps that hold portal data: their writes make cached pages stale
# (routekaart/changes.py), and backups, editor groups and the admin pages cover them.
CURATED_APPS = ["routekaart", "praktijken", "stappen", "partners", "vermoeden", "zelfscan"]

MIDDLEWARE = [
    # Header middleware sits above WhiteNoise so static files get the headers too.
    "django.middleware.security.SecurityMiddleware",
    "routekaart.middleware.SecurityHeadersMiddleware",
    "routekaart.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A cached public page is answered here, already compressed, before sessions, auth,
    # OTP, messages and axes; the headers above are added to hits and misses alike.
    "routekaart.caching.PageCacheMiddleware",
    "routekaart.middleware.PublicGZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # A database that cannot be reached gives a Dutch 503 page instead of a 500.
    "routekaart.middleware.DatabaseUnavailableMiddleware",
    # Last, as django-axes requires: it turns a locked-out login into HTTP 429.
    "axes.middleware.AxesMiddleware",
]

# django-axes checks for a lockout before the password is checked at all.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "routekaart.urls"
WSGI_APPLICATION = "routekaart.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "routekaart.context_processors.portal",
            ],
            "builtins": ["routekaart.templatetags.portal"],
        },
    },
]

DATABASES = {
    "default": parse_database_url(
        env_str("DATABASE_URL", "sqlite:///var/db.sqlite3"), base_dir=BASE_DIR
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Local memory per process by default; CACHE_URL=redis://… shares the page cache, the
# data version and the choice caches between app servers (docs/deployment.md).
CACHES = {"default": parse_cache_url(env_str("CACHE_URL"))}
# With Redis, how long an app server trusts the data version it keeps before reading it
# again. Redis tells every server of an edit at once; this bounds only what a silent
# network split could hide (routekaart/versioning.py).
DATA_VERSION_RECHECK_SECONDS = env_int("DATA_VERSION_RECHECK_SECONDS", 1)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 15},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
# The portal's own Dutch for what Django and the packages leave in English; it comes
# before their catalogs. The .mo files are committed; after editing a .po file run
# `python scripts/compile_messages.py` (pure Python, no GNU gettext needed).
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Hashed, compressed files from `collectstatic` in production. Tests and DEBUG can
# switch the manifest off and let WhiteNoise serve straight from static/.
STATIC_MANIFEST = env_bool("STATIC_MANIFEST", not DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if STATIC_MANIFEST
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not STATIC_MANIFEST
# Static files are for this site only: no `Access-Control-Allow-Origin: *`.
WHITENOISE_ADD_HEADERS_FUNCTION = static_headers
WHITENOISE_AUTOREFRESH = not STATIC_MANIFEST

LOGIN_URL = "admin:login"

# --- Admin security ------------------------------------------------------------
# Staff log in with a password and a TOTP code. On by default whenever DEBUG is
# off; `make run` (a local demo on 127.0.0.1) and the tests switch it off with
# ADMIN_REQUIRE_2FA=0. Enrol a device with `manage.py admin_totp USERNAME`.
ADMIN_REQUIRE_2FA = env_bool("ADMIN_REQUIRE_2FA", not DEBUG)
OTP_TOTP_ISSUER = "Routekaart schadelijke praktijken"
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# Login throttling: five failures for one username from one address lock that
# combination for an hour; the response is HTTP 429 with a Dutch page.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_HTTP_RESPONSE_CODE = 429
# The Dutch lockout page, rendered with the portal admin site's branding.
AXES_LOCKOUT_CALLABLE = "routekaart.admin_site.lockout_response"
AXES_CLIENT_IP_CALLABLE = "routekaart.admin_site.client_ip"

# --- HTTPS and cookies -----------------------------------------------------
# HTTPS_ONLY is on unless switched off; `make run` switches it off because it
# serves plain HTTP on 127.0.0.1.
HTTPS_ONLY = env_bool("HTTPS_ONLY", True)
SECURE_SSL_REDIRECT = HTTPS_ONLY
SECURE_HSTS_SECONDS = 31_536_000 if HTTPS_ONLY else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS_ONLY
# The preload directive only permits submission to the browsers' preload list; set
# HSTS_PRELOAD=0 if the domain's subdomains cannot all serve HTTPS.
SECURE_HSTS_PRELOAD = env_bool("HSTS_PRELOAD", HTTPS_ONLY)
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_PROXY", False) else None
)
SESSION_COOKIE_SECURE = HTTPS_ONLY
CSRF_COOKIE_SECURE = HTTPS_ONLY
# The __Host- prefix pins a cookie to this host and path "/" over HTTPS only.
SESSION_COOKIE_NAME = "__Host-sessionid" if HTTPS_ONLY else "sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken" if HTTPS_ONLY else "csrftoken"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 60 * 60
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
# No referrer leaves the public site. The admin gets "same-origin" instead (see
# routekaart.middleware): under no-referrer browsers send `Origin: null` on POST,
# and Django's CSRF check would reject every admin form.
SECURE_REFERRER_POLICY = "no-referrer"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# --- Portal ------------------------------------------------------------------
# Veilig Thuis's national number (../shared/data/README.md: free, 24/7, routed to the region), for
# pages that name no region; a region's own number lives on its organisation's record.
VEILIG_THUIS_TELEFOON = "0800-2000"
# Where the quick-exit ("Snel weg") button sends the visitor: a neutral site.
QUICK_EXIT_URL = env_str("QUICK_EXIT_URL", "https://www.google.nl/")
# Where visitors report an accessibility problem; the toegankelijkheidsverklaring
# (/toegankelijkheid/) shows it. Empty: the page asks them to contact the beheerder.
ACCESSIBILITY_CONTACT_EMAIL = env_str("ACCESSIBILITY_CONTACT_EMAIL", "")
# After how many days a partner record counts as "te controleren".
PARTNER_CHECK_INTERVAL_DAYS = env_int("PARTNER_CHECK_INTERVAL_DAYS", 365)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# The source document every page credits, with the date its text describes.
SOURCE_TITLE = "Routekaart schadelijke praktijken"
SOURCE_DATE = "november 2021"
