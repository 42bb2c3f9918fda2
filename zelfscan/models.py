"""The zelfscan: per Veilig Thuis region, where it stands on what the routekaart says
must be arranged, item by item (see zelfscan/items.py for the items).

Every region starts at `onbekend`; nothing is filled in for a region that did not do
it. A scan is a concept until the region publishes it.
"""

from django.core.validators import MaxLengthValidator
from django.db import models
from simple_history.models import HistoricalRecords

from partners.models import Organisatie, VeiligThuisRegio
from routekaart.models import Sectie
from routekaart.rendered import rendered_field
from stappen.models import Aandachtspunt

TOELICHTING_MAX = 1000
# A review older than this many days shows as due.
HERZIEN_NA_DAGEN = 365


class Zelfscan(models.Model):
    class Status(models.TextChoices):
        CONCEPT = "concept", "Concept"
        GEPUBLICEERD = "gepubliceerd", "Gepubliceerd"

    regio = models.OneToOneField(
        VeiligThuisRegio,
        on_delete=models.CASCADE,
        related_name="zelfscan",
        verbose_name="Veilig Thuis-regio",
    )
    status = models.CharField(
        "status",
        max_length=12,
        choices=Status.choices,
        default=Status.CONCEPT,
        help_text="Een concept is alleen in het beheer te zien; publiceren maakt de scan openbaar.",
    )
    gepubliceerd_op = models.DateField("gepubliceerd op", null=True, blank=True, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "zelfscan"
        verbose_name_plural = "zelfscans"
        ordering = ["regio__organisatie_naam"]

    def __str__(self):
        return f"Zelfscan {self.regio.organisatie_naam}"

    @property
    def is_published(self):
        return self.status == self.Status.GEPUBLICEERD


class Stand(models.TextChoices):
    GEREGELD = "geregeld", "Geregeld"
    IN_ONTWIKKELING = "in-ontwikkeling", "In ontwikkeling"
    NIET_GEREGELD = "niet-geregeld", "Niet geregeld"
    ONBEKEND = "onbekend", "Onbekend"


class Beoordeling(models.Model):
    """Where one region stands on one item: an aandachtspunt, or a section of "wat moet
    er zijn of geregeld worden?" for steps without aandachtspunten."""

    markdown_fields = ("toelichting",)

    scan = models.ForeignKey(
        Zelfscan, on_delete=models.CASCADE, related_name="beoordelingen", verbose_name="zelfscan"
    )
    aandachtspunt = models.ForeignKey(
        Aandachtspunt, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    sectie = models.ForeignKey(
        Sectie, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    stand = models.CharField("stand", max_length=16, choices=Stand.choices, default=Stand.ONBEKEND)
    toelichting = models.TextField(
        "toelichting",
        blank=True,
        validators=[MaxLengthValidator(TOELICHTING_MAX)],
        help_text=f"Kort, hoogstens {TOELICHTING_MAX} tekens. Markdown.",
    )
    toelichting_html = rendered_field("toelichting")
    organisaties = models.ManyToManyField(
        Organisatie,
        blank=True,
        related_name="+",
        verbose_name="verantwoordelijke organisaties",
        help_text="Organisaties uit de sociale kaart die deze regio bedienen.",
    )
    beoordeeld_op = models.DateField("laatst beoordeeld op", null=True, blank=True)
    beoordeeld_door = models.CharField("beoordeeld door (rol)", max_length=60, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "beoordeling"
        verbose_name_plural = "beoordelingen"
        constraints = [
            models.UniqueConstraint(fields=["scan", "aandachtspunt"], name="beoordeling_punt"),
            models.UniqueConstraint(fields=["scan", "sectie"], name="beoordeling_sectie"),
            models.CheckConstraint(
                condition=models.Q(aandachtspunt__isnull=True, sectie__isnull=False)
                | models.Q(aandachtspunt__isnull=False, sectie__isnull=True),
                name="beoordeling_een_item",
            ),
        ]

    def __str__(self):
        if self.scan_id is None:
            return "Onbekend punt"
        item = self.aandachtspunt or self.sectie
        return f"{self.scan.regio.organisatie_naam}: {item}"

    @property
    def item_key(self):
        return f"a{self.aandachtspunt_id}" if self.aandachtspunt_id else f"s{self.sectie_id}"
