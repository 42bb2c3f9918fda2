"""`manage.py portal_restore FILE`: see routekaart/restore.py."""

from pathlib import Path

from django.core.cache import cache
from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, IntegrityError, transaction

from routekaart.backup import BackupError
from routekaart.restore import (
    check_models,
    has_history,
    load,
    occupied,
    read_backup,
    reset_sequences,
    wipe,
)


class Command(BaseCommand):
    help = (
        "Zet een back-up van portal_backup exact terug, in één transactie. Weigert een "
        "database die al inhoud, partners of geschiedenis heeft, tenzij --force: dan wordt die "
        "inhoud vervangen. Gebruikersaccounts worden nooit verwijderd."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="Het JSON-bestand van portal_backup.")
        parser.add_argument(
            "--force", action="store_true", help="Bestaande inhoud en partnergegevens vervangen."
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Alles terugzetten en tellen, en daarna terugdraaien.",
        )

    def handle(self, *args, file, force=False, dry_run=False, **options):
        try:
            objects = read_backup(Path(file))
            check_models(objects)
        except BackupError as e:
            raise CommandError(str(e)) from None
        with_history = has_history(objects)
        try:
            with transaction.atomic():
                reasons = occupied(objects)
                if reasons and not force:
                    raise CommandError(
                        "De database is niet leeg (" + "; ".join(reasons) + "). Er is niets "
                        "veranderd. Gebruik --force om de bestaande gegevens te vervangen."
                    )
                if reasons:
                    wipe(with_history=with_history)
                counts, skipped = load(objects)
                reset_sequences(counts)
                if dry_run:
                    transaction.set_rollback(True)
        except (DeserializationError, IntegrityError, DatabaseError) as e:
            raise CommandError(f"Terugzetten mislukt, er is niets veranderd: {e}") from None
        for label, count in counts.items():
            self.stdout.write(f"  {label}: {count}")
        if skipped:
            self.stdout.write(
                self.style.WARNING(
                    f"{skipped} regionale redacteur(en) overgeslagen: hun gebruikersaccount "
                    "bestaat niet in deze database. Maak de accounts aan en zet de back-up "
                    "opnieuw terug, of wijs de regio's in het beheer toe."
                )
            )
        if dry_run:
            self.stdout.write(self.style.WARNING("Dry run: er is niets veranderd."))
            return
        # Every restored record was saved through the signals, which bumped the data
        # version; clearing the cache also drops what an older backup's version held.
        cache.clear()
        if "rebuild_search_index" in get_commands():
            call_command("rebuild_search_index", stdout=self.stdout)
        self.stdout.write(
            self.style.SUCCESS(f"{sum(counts.values())} records teruggezet uit {file}.")
        )
