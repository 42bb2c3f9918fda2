"""The decision rules of "Wat te doen bij een vermoeden?": curated data, not code.

Each rule says, for a practice (or all) and a situation (or always), one thing the
route page shows: a contact to call, something to do or not to do, a risk to know or
an instrument to use. Every rule names the section of the routekaart it comes from,
so editors can check and change the advice in the admin without a deploy.
"""

from django.db import models
from simple_history.models import HistoricalRecords

from routekaart.publicatie import NaturalKeyManager, PublicatieQuerySet, Publiceerbaar
from routekaart.rendered import rendered_field


class Situatie(models.TextChoices):
    """What a visitor can tick; the order is the order of the form."""

    MINDERJARIG = "minderjarig", "De persoon is jonger dan 18 jaar"
    VERTREK = (
        "vertrek",
        "Een vertrek naar het buitenland wordt verwacht (bijvoorbeeld een vakantie)",
    )
    IN_BUITENLAND = "in-buitenland", "De persoon is nu in het buitenland"
    ACUUT = "acuut", "Er is nu acuut gevaar"


class RouteregelQuerySet(PublicatieQuerySet):
    def for_case(self, praktijk, situaties):
        """Published rules for a practice (None: not sure which) and a set of situations.

        A rule without practice applies to every practice; a rule without situation
        applies always. One query with its section, chapter, source and chain step.
        """
        practice = models.Q(praktijk__isnull=True)
        if praktijk is not None:
            practice |= models.Q(praktijk=praktijk)
        return (
            self.published()
            .filter(practice, models.Q(situatie="") | models.Q(situatie__in=list(situaties)))
            .select_related("praktijk", "sectie__hoofdstuk", "bron", "ketenstap")
            .order_by("volgorde", "slug")
        )


class Routeregel(Publiceerbaar):
    """One statement of the route, with the source section it comes from."""

    markdown_fields = ("tekst",)

    class Soort(models.TextChoices):
        CONTACT = "contact", "Wie belt u (in deze volgorde)"
        DOEN = "doen", "Wat u doet"
        NIET_DOEN = "niet-doen", "Wat u niet doet"
        LET_OP = "let-op", "Let op"
        INSTRUMENT = "instrument", "Instrument of afspraak"

    class Contact(models.TextChoices):
        ALARM = "112", "112 (acuut gevaar)"
        VEILIG_THUIS = "veilig-thuis", "Veilig Thuis van de gemeente (0800-2000)"
        EXPERT = "expert", "De landelijke expert van de praktijk (Pharos, LKHA, LEC EGG)"

    praktijk = models.ForeignKey(
        "praktijken.Praktijk",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="praktijk",
        help_text="Leeg: de regel geldt voor elke praktijk, ook als de bezoeker het niet weet.",
    )
    situatie = models.CharField(
        "situatie",
        max_length=20,
        choices=Situatie.choices,
        blank=True,
        help_text="Leeg: de regel geldt altijd. Anders alleen als de bezoeker dit aanvinkt.",
    )
    soort = models.CharField("soort", max_length=12, choices=Soort.choices)
    contact = models.CharField(
        "contact",
        max_length=20,
        choices=Contact.choices,
        blank=True,
        help_text="Alleen bij soort 'Wie belt u': wie. De laagste volgorde wordt als eerste "
        "getoond; elk contact maar één keer.",
    )
    titel = models.CharField("titel", max_length=200, help_text="Kort, als een opdracht.")
    tekst = models.TextField(
        "waarom",
        help_text="Wat de routekaart zegt, getrouw geciteerd of samengevat. Geen eigen advies.",
    )
    tekst_html = rendered_field("tekst")
    sectie = models.ForeignKey(
        "routekaart.Sectie",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="bron in de routekaart",
        help_text="De sectie van de routekaart waar deze regel vandaan komt (verplicht).",
    )
    bron = models.ForeignKey(
        "routekaart.Bron",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="link",
        help_text="Een document of instrument uit de routekaart om naar te linken.",
    )
    ketenstap = models.ForeignKey(
        "stappen.Ketenstap",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="ketenstap",
        help_text="De stap van de ketenaanpak waar deze regel bij hoort.",
    )
    history = HistoricalRecords()

    objects = NaturalKeyManager.from_queryset(RouteregelQuerySet)()

    class Meta(Publiceerbaar.Meta):
        verbose_name = "routeregel"
        verbose_name_plural = "routeregels"
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(soort="contact") | ~models.Q(contact=""),
                name="routeregel_contact_heeft_contact",
            ),
        ]

    def __str__(self):
        return self.titel
