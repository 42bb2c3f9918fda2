"""Core models: the search index, search statistics, synonyms and the data version.

They belong to the `routekaart` app (routekaart.models imports them so Django
registers them) but live here so that the core modules (routekaart.search and
routekaart.versioning) can use them without importing any content model.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from simple_history.models import HistoricalRecords


class Synoniem(models.Model):
    """A group of words that mean the same to a searcher, e.g. VGV and meisjesbesnijdenis.

    The glossary (Begrip: term ↔ voluit) adds its own pairs automatically; these groups
    are for the words people use that the routekaart itself does not.
    """

    termen = models.TextField(
        "termen",
        help_text="Woorden of woordgroepen die hetzelfde betekenen, gescheiden door ';'. "
        "Bijvoorbeeld: VGV; vrouwelijke genitale verminking; meisjesbesnijdenis.",
    )
    toelichting = models.CharField("toelichting", max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "synoniemengroep"
        verbose_name_plural = "synoniemen"
        ordering = ["termen"]

    def __str__(self):
        return self.termen[:80]

    @property
    def termen_lijst(self):
        return [t.strip() for t in self.termen.split(";") if t.strip()]


class ZoekIndex(models.Model):
    """One searchable page or record, denormalised for the site search.

    Rebuilt by routekaart.search.index_object() whenever an indexed record is saved,
    and in full by `manage.py rebuild_search_index`. On PostgreSQL `zoekvector` holds
    the weighted Dutch full-text vector (GIN index) and the text columns have trigram
    indexes; on SQLite the search uses `zoektekst`, the normalised plain text.
    """

    soort = models.CharField("soort", max_length=20, db_index=True)
    object_id = models.PositiveBigIntegerField("object-id")
    titel = models.CharField("titel", max_length=300)
    samenvatting = models.TextField("samenvatting", blank=True)
    tekst = models.TextField("tekst", blank=True)
    url = models.CharField("webadres", max_length=500)
    zoektitel = models.CharField("genormaliseerde titel", max_length=300, blank=True)
    zoektekst = models.TextField("genormaliseerde zoektekst", blank=True)
    zoekvector = SearchVectorField("zoekvector", null=True, blank=True)

    class Meta:
        verbose_name = "zoekindex-item"
        verbose_name_plural = "zoekindex"
        constraints = [
            models.UniqueConstraint(fields=["soort", "object_id"], name="zoekindex_uniek_object"),
        ]

    def __str__(self):
        return f"{self.soort}: {self.titel}"


class ZoekStatistiek(models.Model):
    """How often a search found nothing: aggregate counts only, no user, IP or time of day."""

    zoekterm = models.CharField("zoekterm (genormaliseerd)", max_length=100, unique=True)
    aantal = models.PositiveIntegerField("aantal keer zonder resultaat", default=0)
    laatst_op = models.DateField("laatst gezocht op", auto_now=True)

    class Meta:
        verbose_name = "zoekopdracht zonder resultaat"
        verbose_name_plural = "zoekopdrachten zonder resultaat"
        ordering = ["-aantal"]

    def __str__(self):
        return f"{self.zoekterm} ({self.aantal}×)"


class DataVersie(models.Model):
    """A single row whose number goes up on every write to portal data (cache key)."""

    versie = models.PositiveBigIntegerField("versie", default=0)

    class Meta:
        verbose_name = "dataversie"
        verbose_name_plural = "dataversie"

    def __str__(self):
        return str(self.versie)
