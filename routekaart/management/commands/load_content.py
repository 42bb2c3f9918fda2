from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from partners.models import Gemeente, Organisatie
from routekaart.changes import bulk_written
from routekaart.models import Hoofdstuk

FIXTURE_DIRS = ("content", "partners")


def fixture_files(base: Path | None = None) -> list[Path]:
    """All content fixtures in load order: by folder, then by file name."""
    base = base or Path(settings.BASE_DIR) / "fixtures"
    return [f for d in FIXTURE_DIRS for f in sorted((base / d).glob("*.json"))]


def database_has_content() -> bool:
    return Hoofdstuk.objects.exists() or Organisatie.objects.exists() or Gemeente.objects.exists()


class Command(BaseCommand):
    help = (
        "Load the routekaart content, the partners from the source text and the reference "
        "geography into an EMPTY database. It refuses to touch a database that already has "
        "content, so a restart never overwrites what editors changed."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Only report what would be loaded."
        )

    def handle(self, *args, dry_run=False, **options):
        if database_has_content():
            self.stdout.write("De database bevat al inhoud; er is niets geladen.")
            return
        files = fixture_files()
        if dry_run:
            for path in files:
                self.stdout.write(f"zou laden: {path.relative_to(settings.BASE_DIR)}")
            self.stdout.write("zou laden: referentiedata (gemeenten en regio's)")
            return
        with transaction.atomic():
            call_command("loaddata", *[str(f) for f in files], verbosity=0)
            call_command("load_reference_data", stdout=self.stdout)
            indexed = bulk_written()
        self.stdout.write(f"Zoekindex opgebouwd: {indexed} items.")
        self.stdout.write(self.style.SUCCESS(f"Inhoud geladen uit {len(files)} bestanden."))
