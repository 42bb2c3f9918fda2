import random

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from partners.models import Gemeente, Niveau, Organisatie, Organisatietype
from praktijken.models import Praktijk
from routekaart.changes import bulk_written
from routekaart.publicatie import Status
from routekaart.rendered import fill_rendered
from stappen.models import Ketenstap

MARKER = "FICTIEF"


class Command(BaseCommand):
    help = (
        "Generate FICTITIOUS partner organisations for tests and benchmarks. The data is "
        "plainly marked: names start with 'Voorbeeldorganisatie', addresses use example.org, "
        "no phone numbers are made up, and `bron` says FICTIEF. Never run this on a "
        "production database; `make run` never loads it."
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=10_000)
        parser.add_argument("--seed", type=int, default=2021)
        parser.add_argument("--delete", action="store_true", help="Remove fictitious data only.")
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, count, seed, delete, dry_run, **options):
        fictitious = Organisatie.objects.filter(bron__startswith=MARKER)
        if delete:
            if not dry_run:
                removed, _ = fictitious.delete()
                bulk_written()
                self.stdout.write(f"{removed} fictieve records verwijderd.")
            return
        if count < 1 or count > 200_000:
            raise CommandError("--count moet tussen 1 en 200000 liggen.")
        gemeenten = list(Gemeente.objects.select_related("veilig_thuis_regio"))
        types = list(Organisatietype.objects.exclude(niveau=Niveau.LANDELIJK))
        praktijken = list(Praktijk.objects.all())
        stappen = list(Ketenstap.objects.all())
        if not (gemeenten and types and praktijken and stappen):
            raise CommandError("Laad eerst de inhoud en referentiedata (manage.py load_content).")
        if dry_run:
            self.stdout.write(f"Zou {count} fictieve organisaties maken.")
            return
        rng = random.Random(seed)
        start = fictitious.count()
        with transaction.atomic():
            self._create(rng, count, start, gemeenten, types, praktijken, stappen)
            bulk_written()  # bulk_create sends no signals
        self.stdout.write(self.style.SUCCESS(f"{count} fictieve organisaties gemaakt."))

    def _create(self, rng, count, start, gemeenten, types, praktijken, stappen):
        orgs = []
        for i in range(start + 1, start + count + 1):
            org_type = rng.choice(types)
            orgs.append(
                Organisatie(
                    slug=f"voorbeeldorganisatie-{i}",
                    naam=f"Voorbeeldorganisatie {i} ({org_type.naam})",
                    type=org_type,
                    niveau=org_type.niveau,
                    beschrijving=f"{MARKER}: deze organisatie bestaat niet. Testdata voor "
                    "prestatiemetingen.",
                    email=f"info@voorbeeld{i}.example.org",
                    website=f"https://voorbeeld{i}.example.org",
                    bron=f"{MARKER} – gegenereerde testdata",
                    status=Status.GEPUBLICEERD,
                )
            )
        fill_rendered(*orgs)  # bulk_create sends no pre_save either
        created = Organisatie.objects.bulk_create(orgs, batch_size=1000)
        through_p = Organisatie.praktijken.through
        through_s = Organisatie.stappen.through
        through_g = Organisatie.gemeenten.through
        through_r = Organisatie.veilig_thuis_regios.through
        links_p, links_s, links_g, links_r = [], [], [], []
        for org in created:
            for p in rng.sample(praktijken, rng.randint(1, 2)):
                links_p.append(through_p(organisatie_id=org.pk, praktijk_id=p.pk))
            for s in rng.sample(stappen, rng.randint(1, 3)):
                links_s.append(through_s(organisatie_id=org.pk, ketenstap_id=s.pk))
            gemeente = rng.choice(gemeenten)
            if org.niveau == Niveau.LOKAAL:
                links_g.append(through_g(organisatie_id=org.pk, gemeente_id=gemeente.pk))
            else:
                links_r.append(
                    through_r(
                        organisatie_id=org.pk, veiligthuisregio_id=gemeente.veilig_thuis_regio_id
                    )
                )
        for model, rows in (
            (through_p, links_p),
            (through_s, links_s),
            (through_g, links_g),
            (through_r, links_r),
        ):
            model.objects.bulk_create(rows, batch_size=2000)
