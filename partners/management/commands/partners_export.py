from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from partners.models import Niveau, Organisatie, VeiligThuisRegio
from partners.resources import OrganisatieResource


class Command(BaseCommand):
    help = (
        "Exporteert de partnerorganisaties als CSV (standaard) of XLSX, in hetzelfde formaat "
        "dat partners_import en de import in het beheer lezen; opnieuw importeren in een lege "
        "database geeft precies dezelfde gegevens. Tekst die een spreadsheet als formule zou "
        "uitvoeren krijgt een apostrof ervoor, die de import weer weghaalt. Contactpersonen en "
        "voorzieningen staan er niet in (gebruik portal_backup voor een volledige kopie)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            type=Path,
            help="Bestand om naar te schrijven (.csv of .xlsx); zonder: CSV naar stdout.",
        )
        parser.add_argument(
            "--regio",
            metavar="CODE",
            help="Alleen de (niet-landelijke) organisaties van één Veilig Thuis-regio, "
            "bijvoorbeeld VT20.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Alleen tellen, niets schrijven."
        )

    def handle(self, *args, output=None, regio=None, dry_run=False, **options):
        output = Path(output) if output else None
        queryset = Organisatie.objects.all()
        if regio:
            region = VeiligThuisRegio.objects.filter(code=regio).first()
            if region is None:
                raise CommandError(f"Onbekende Veilig Thuis-regio '{regio}'.")
            queryset = queryset.for_regio(region).exclude(niveau=Niveau.LANDELIJK)
        suffix = output.suffix.lower() if output else ".csv"
        if suffix not in (".csv", ".xlsx"):
            raise CommandError(f"Onbekend bestandstype '{suffix}'; gebruik .csv of .xlsx.")
        if dry_run:
            self.stdout.write(f"Zou {queryset.count()} organisaties exporteren.")
            return
        dataset = OrganisatieResource().export(queryset)
        if output is None:
            self.stdout.write(dataset.export("csv"), ending="")
            return
        if suffix == ".xlsx":
            output.write_bytes(dataset.export("xlsx"))
        else:
            output.write_text(dataset.export("csv"), encoding="utf-8", newline="")
        self.stdout.write(
            self.style.SUCCESS(f"{len(dataset)} organisaties geëxporteerd naar {output}.")
        )
