"""Load or refresh the CBS reference geography from fixtures/reference.

The sociale kaart needs every gemeente with its provincie, veiligheidsregio and
Veilig Thuis-regio (the last two differ for a few gemeenten, see
fixtures/README.md). The files are checked completely before anything is
written, and all writes happen in one transaction, so a bad file never leaves a
half-loaded database. Records are keyed on their CBS code, so re-running the
command with the same files changes nothing.

For each Veilig Thuis-regio the command also keeps a directory entry
(Organisatie) in step. Only the fields that come from the CSV are refreshed;
what editors add in the admin (beschrijving, controle, status, ...) is kept.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from partners.referentie import (
    load_files,
    load_indelingen,
    present,
    stale_codes,
    write_all,
    write_indelingen,
)


class Command(BaseCommand):
    help = (
        "Laadt of ververst provincies, veiligheidsregio's, Veilig Thuis-regio's, gemeenten en de "
        "Veilig Thuis-organisaties uit de CBS-referentiebestanden (standaard fixtures/reference). "
        "Controleert eerst alle bestanden en schrijft alles in een transactie; opnieuw draaien "
        "met dezelfde bestanden verandert niets. / Loads or refreshes the CBS reference "
        "geography; validates first, writes in one transaction, idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dir",
            type=Path,
            default=Path(settings.BASE_DIR) / "fixtures" / "reference",
            help="Map met de CSV-bestanden / directory with the CSV files "
            "(default: BASE_DIR/fixtures/reference).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Alles controleren en tellen, maar niets opslaan / validate and count, "
            "write nothing.",
        )

    def handle(self, *args, **options):
        directory, dry_run = options["dir"], options["dry_run"]
        data = load_files(directory)
        # The more layers (GGD, politie, arrondissement, jeugdregio, woonplaatsen,
        # postcodes) load when their files are there, checked before anything is written.
        indelingen = load_indelingen(directory, data.gemeenten) if present(directory) else None
        with transaction.atomic():
            tally = write_all(data)
            if indelingen is not None:
                write_indelingen(indelingen, tally)
            stale = stale_codes(data)
            if dry_run:
                transaction.set_rollback(True)
        self.report(directory, tally, stale, dry_run)

    def report(self, directory, tally, stale, dry_run):
        self.stdout.write(f"Referentiedata uit {directory}")
        for line in tally.lines():
            self.stdout.write(f"  {line}")
        if stale:
            self.stdout.write(
                self.style.WARNING(
                    "Let op: niet meer in de bestanden, niet verwijderd / not in the files, "
                    "not deleted: " + ", ".join(stale)
                )
            )
        if dry_run:
            self.stdout.write(
                self.style.WARNING("Dry run: er is niets opgeslagen / nothing written.")
            )
        else:
            self.stdout.write(self.style.SUCCESS("Klaar / done."))
