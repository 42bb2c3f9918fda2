"""Fill every region's zelfscan with plainly fictitious answers, for tests and benchmarks.

Every explanation starts with FICTIEF and every review is signed "FICTIEF (testdata)".
Responsible organisations are taken only from fictitious partners
(generate_fictitious_partners), never from real ones. Never run this on a production
database; `make run` never does. `--delete` removes exactly what it made.
"""

import random

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from partners.models import Organisatie, VeiligThuisRegio
from routekaart.rendered import fill_rendered
from zelfscan.models import Beoordeling, Stand, Zelfscan
from zelfscan.services import scan_for_editing

MARKER = "FICTIEF"
SIGNED = "FICTIEF (testdata)"


class Command(BaseCommand):
    help = (
        "Vult de zelfscan van elke regio met duidelijk fictieve antwoorden (FICTIEF), voor "
        "tests en benchmarks. Nooit op productie. / Fills every zelfscan with fictitious data."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2021)
        parser.add_argument("--delete", action="store_true", help="Alleen fictieve scans weghalen.")

    def handle(self, *args, seed, delete, **options):
        if delete:
            scans = Zelfscan.objects.filter(beoordelingen__beoordeeld_door=SIGNED).distinct()
            count = scans.count()
            scans.delete()
            self.stdout.write(f"{count} fictieve zelfscans verwijderd.")
            return
        rng = random.Random(seed)
        today = timezone.localdate()
        with transaction.atomic():
            for regio in VeiligThuisRegio.objects.order_by("code"):
                scan = scan_for_editing(regio)
                changed = []
                for beoordeling in scan.beoordelingen.all():
                    beoordeling.stand = rng.choice(Stand.values)
                    beoordeling.toelichting = (
                        f"{MARKER}: voorbeeldtekst voor tests, geen echte gegevens van "
                        f"{regio.organisatie_naam}."
                    )
                    beoordeling.beoordeeld_op = today
                    beoordeling.beoordeeld_door = SIGNED
                    changed.append(beoordeling)
                fill_rendered(*changed)  # bulk_update sends no pre_save
                Beoordeling.objects.bulk_update(
                    changed,
                    [
                        "stand",
                        "toelichting",
                        "toelichting_html",
                        "beoordeeld_op",
                        "beoordeeld_door",
                    ],
                )
                # Only fictitious partners that serve this region are made "responsible".
                fictitious = list(
                    Organisatie.objects.filter(bron__startswith=MARKER)
                    .for_regio(regio)
                    .exclude(niveau="landelijk")
                    .values_list("pk", flat=True)[:50]
                )
                if fictitious:
                    through = Beoordeling.organisaties.through
                    through.objects.bulk_create(
                        [
                            through(beoordeling_id=b.pk, organisatie_id=rng.choice(fictitious))
                            for b in changed
                        ],
                        ignore_conflicts=True,
                    )
                scan.status, scan.gepubliceerd_op = Zelfscan.Status.GEPUBLICEERD, today
                scan.save()
        self.stdout.write(self.style.SUCCESS("Alle zelfscans fictief ingevuld en gepubliceerd."))
