"""The seven steps of the chain approach and what belongs to each step."""

from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from routekaart.publicatie import Publiceerbaar
from routekaart.rendered import rendered_field
from routekaart.versioning import cached_per_version


class Ketenstap(Publiceerbaar):
    """A step of the chain approach, numbered 1 to 7 along the route."""

    nummer = models.PositiveSmallIntegerField("nummer", unique=True)
    naam = models.CharField("naam", max_length=120)
    korte_beschrijving = models.TextField(
        "korte beschrijving", help_text="De beschrijving uit de lijst van de zeven stappen."
    )
    hoofdstuk = models.ForeignKey(
        "routekaart.Hoofdstuk",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ketenstappen",
        verbose_name="hoofdstuk",
        help_text="Het hoofdstuk van de routekaart dat deze stap uitwerkt.",
    )
    binnen_meldcode = models.BooleanField(
        "binnen de meldcode",
        default=False,
        help_text="Valt deze stap onder de route van de meldcode?",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "ketenstap"
        verbose_name_plural = "ketenstappen"
        ordering = ["nummer"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(nummer__gte=1, nummer__lte=7), name="ketenstap_nummer_1_tot_7"
            ),
        ]

    def __str__(self):
        return f"{self.nummer}. {self.naam}"

    def get_absolute_url(self):
        return reverse("stappen:detail", kwargs={"slug": self.slug})


def published_steps() -> list[Ketenstap]:
    """The published steps in order, each with its `hoofdstuk`.

    Many pages show the route of seven steps: one query per data version, then cached.
    """
    return cached_per_version(
        "ketenstappen", lambda: list(Ketenstap.objects.published().select_related("hoofdstuk"))
    )


class StapOnderdeel(Publiceerbaar):
    """Abstract base for items placed in a chapter section and tagged by step and practice."""

    hoofdstuk = models.ForeignKey(
        "routekaart.Hoofdstuk",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="hoofdstuk",
    )
    sectie = models.ForeignKey(
        "routekaart.Sectie",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="sectie",
        help_text="De sectie waaronder dit item in het hoofdstuk staat.",
    )
    stappen = models.ManyToManyField(
        Ketenstap, blank=True, related_name="+", verbose_name="ketenstappen"
    )
    praktijken = models.ManyToManyField(
        "praktijken.Praktijk",
        blank=True,
        related_name="+",
        verbose_name="praktijken",
        help_text="Leeg: geldt voor alle schadelijke praktijken.",
    )

    class Meta(Publiceerbaar.Meta):
        abstract = True


class Aandachtspunt(StapOnderdeel):
    """An item of "wat moet er zijn of geregeld worden?"."""

    markdown_fields = ("toelichting",)

    titel = models.CharField("titel", max_length=250)
    toelichting = models.TextField("toelichting", blank=True, help_text="Markdown.")
    toelichting_html = rendered_field("toelichting")
    history = HistoricalRecords()

    class Meta(StapOnderdeel.Meta):
        verbose_name = "aandachtspunt"
        verbose_name_plural = "aandachtspunten"

    def __str__(self):
        return self.titel


class Praktijkvoorbeeld(StapOnderdeel):
    """A named example, method or tip from a place or region."""

    markdown_fields = ("tekst",)

    class Soort(models.TextChoices):
        PRAKTIJKVOORBEELD = "praktijkvoorbeeld", "Praktijkvoorbeeld"
        METHODIEK = "methodiek", "Methodiek"
        TIP = "tip", "Tip"
        AFSPRAAK = "afspraak", "Reeds gemaakte afspraak"
        # A box the source sets apart without a label of its own.
        UITGELICHT = "uitgelicht", "Uitgelicht (zonder label)"

    titel = models.CharField("titel", max_length=250)
    soort = models.CharField(
        "soort", max_length=20, choices=Soort.choices, default=Soort.PRAKTIJKVOORBEELD
    )
    plaats = models.CharField(
        "plaats of regio", max_length=120, blank=True, help_text="Bijvoorbeeld 'Den Haag'."
    )
    tekst = models.TextField("tekst", help_text="Markdown.")
    tekst_html = rendered_field("tekst")
    history = HistoricalRecords()

    class Meta(StapOnderdeel.Meta):
        verbose_name = "praktijkvoorbeeld"
        verbose_name_plural = "praktijkvoorbeelden"

    def __str__(self):
        return self.titel


class Citaat(StapOnderdeel):
    """A quote from the routekaart with the role of the speaker."""

    tekst = models.TextField("tekst")
    rol = models.CharField(
        "rol van de spreker",
        max_length=120,
        help_text="Bijvoorbeeld 'Beleidsmedewerker Veilig Thuis'.",
    )
    history = HistoricalRecords()

    class Meta(StapOnderdeel.Meta):
        verbose_name = "citaat"
        verbose_name_plural = "citaten"

    def __str__(self):
        return f"{self.tekst[:60]}… ({self.rol})"
