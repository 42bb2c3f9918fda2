"""Choice lists for filter forms, cached per data version.

Filter forms need the practices, steps, organisation types and regions as
choices. Reading them on every request would cost a query each; they change
only when an editor saves, which bumps the data version.
"""

from django.core.cache import cache

from routekaart.versioning import data_version


def _cached(name, build):
    key = f"portal:choices:{name}:{data_version()}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, timeout=24 * 60 * 60)
    return value


def praktijk_choices():
    from praktijken.models import Praktijk

    return _cached(
        "praktijk",
        lambda: list(Praktijk.objects.published().values_list("slug", "naam")),
    )


def stap_choices():
    from stappen.models import Ketenstap

    return _cached(
        "stap",
        lambda: [
            (n, f"{n}. {naam}") for n, naam in Ketenstap.objects.values_list("nummer", "naam")
        ],
    )


def organisatietype_choices():
    from partners.models import Organisatietype

    return _cached("type", lambda: list(Organisatietype.objects.values_list("slug", "naam")))


def regio_choices():
    from partners.models import VeiligThuisRegio

    return _cached(
        "regio",
        lambda: list(VeiligThuisRegio.objects.values_list("code", "organisatie_naam")),
    )
