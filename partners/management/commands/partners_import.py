from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import translation

from partners.resources import OrganisatieResource, import_report, read_dataset


class Command(BaseCommand):
    help = (
        "Importeert partnerorganisaties uit een CSV- of XLSX-bestand, met precies de controles "
        "van de import in het beheer (partners.resources): telefoonnummers, e-mail, https-"
        "adressen, codes en slugs, verplichte velden. Alles of niets: bij één foute regel wordt "
        "niets opgeslagen en staan alle fouten per rij en kolom in het verslag. Regels worden "
        "op slug gekoppeld, dus hetzelfde bestand opnieuw importeren verandert niets."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="Het .csv- of .xlsx-bestand.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Alles controleren en tellen, maar niets opslaan.",
        )
        parser.add_argument(
            "--user",
            metavar="GEBRUIKERSNAAM",
            help="Leg de wijzigingen op naam van deze gebruiker vast in de geschiedenis. Is het "
            "een regionale redacteur, dan moeten alle regels binnen diens regio's vallen.",
        )

    def handle(self, *args, file, dry_run=False, user=None, **options):
        with translation.override("nl"):
            self._import(Path(file), dry_run, user)

    def _import(self, path, dry_run, username):
        if not path.is_file():
            raise CommandError(f"Bestand niet gevonden: {path}")
        try:
            dataset = read_dataset(path.read_bytes(), path.suffix)
        except ValueError as e:
            raise CommandError(str(e)) from None
        editor = None
        if username:
            editor = get_user_model().objects.filter(username=username, is_active=True).first()
            if editor is None:
                raise CommandError(f"Geen actieve gebruiker '{username}'.")
        with transaction.atomic():
            result = OrganisatieResource().import_data(
                dataset, dry_run=dry_run, user=editor, file_name=path.name
            )
        problems = import_report(result)
        if problems:
            raise CommandError(
                f"Import afgekeurd, er is niets opgeslagen. {len(problems)} "
                f"{'fout' if len(problems) == 1 else 'fouten'} in {path.name}:\n  - "
                + "\n  - ".join(problems)
            )
        totals = result.totals
        self.stdout.write(
            f"{path.name}: {len(dataset)} rijen; {totals['new']} nieuw, {totals['update']} "
            f"gewijzigd, {totals['skip']} ongewijzigd."
        )
        if dry_run:
            self.stdout.write(self.style.WARNING("Dry run: er is niets opgeslagen."))
        else:
            self.stdout.write(self.style.SUCCESS("Import opgeslagen."))
