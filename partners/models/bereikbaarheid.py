"""Reachability of a partner, and the stable public id of published records."""

import uuid

from django.db import models


def stable_uuid_field():
    """A stable public identifier (HSDS `id`) that survives backup, restore and import."""
    return models.UUIDField(
        "vaste identificatie (UUID)",
        default=uuid.uuid4,
        unique=True,
        editable=False,
        help_text="Blijft gelijk bij back-up, herstel en import; gebruikt in de open data.",
    )


# Dutch names of the languages editors are likely to record; other codes show as is.
TAALNAMEN = {
    "nl": "Nederlands",
    "en": "Engels",
    "fr": "Frans",
    "de": "Duits",
    "ar": "Arabisch",
    "tr": "Turks",
    "so": "Somalisch",
    "ti": "Tigrinya",
    "fa": "Perzisch",
    "ur": "Urdu",
    "pl": "Pools",
    "uk": "Oekraïens",
    "es": "Spaans",
    "pap": "Papiaments",
    "fy": "Fries",
}


class Bereikbaarheid(models.Model):
    """Abstract base: how a service can be reached. Empty or None means unknown.

    Never fill these in from guesswork: only what a source states.
    """

    openingstijden = models.CharField(
        "openingstijden",
        max_length=300,
        blank=True,
        help_text="In woorden, bijvoorbeeld 'ma-vr 9.00-17.00'. Leeg = onbekend.",
    )
    altijd_bereikbaar = models.BooleanField(
        "dag en nacht bereikbaar (24/7)",
        null=True,
        blank=True,
        help_text="Alleen 'ja' als een bron dat zegt. Leeg = onbekend.",
    )
    talen = models.CharField(
        "talen",
        max_length=200,
        blank=True,
        help_text="Taalcodes (ISO 639-1) met komma's, bijvoorbeeld 'nl, en, ar'. Leeg = onbekend.",
    )
    anoniem_mogelijk = models.BooleanField(
        "anonieme hulp mogelijk",
        null=True,
        blank=True,
        help_text="Kan iemand hier anoniem hulp of advies krijgen? Leeg = onbekend.",
    )
    helpt_in_buitenland = models.BooleanField(
        "helpt mensen in het buitenland",
        null=True,
        blank=True,
        help_text="Helpt deze organisatie iemand die in het buitenland is? Leeg = onbekend.",
    )

    class Meta:
        abstract = True

    @property
    def taalcodes(self):
        return [t.strip().lower() for t in self.talen.split(",") if t.strip()]

    @property
    def taalnamen(self):
        return [TAALNAMEN.get(code, code) for code in self.taalcodes]

    @property
    def bereikbaarheid_bekend(self):
        return bool(
            self.openingstijden
            or self.talen
            or any(
                v is not None
                for v in (self.altijd_bereikbaar, self.anoniem_mogelijk, self.helpt_in_buitenland)
            )
        )
