"""Write all content and partner data to one JSON file; portal_restore reads it back.

What goes in: every content and partner record, the reference geography, the
editor groups and the regional editors' assignments (Redacteur), and optionally
the change history (--with-history) and the user accounts (--with-users, with
password hashes: keep such a file as safe as the database). The search index is
left out; it is rebuilt after a restore.

Records keep their primary keys, so the history still points at the right
records after a restore. References to users, groups and permissions use natural
keys (username, group name, permission codename), which are the same in every
database.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from routekaart.backup import BackupError, collect, write_backup


class Command(BaseCommand):
    help = (
        "Schrijft alle inhoud en partnergegevens (met referentiegeografie, redactiegroepen en "
        "regio's van regionale redacteuren) naar één JSON-bestand, dat portal_restore exact "
        "terugzet. --with-history neemt de wijzigingsgeschiedenis mee, --with-users de "
        "gebruikersaccounts (met wachtwoord-hashes: bewaar het bestand dan even veilig als de "
        "database)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="Het JSON-bestand om te schrijven.")
        parser.add_argument(
            "--with-history",
            action="store_true",
            help="Ook de wijzigingsgeschiedenis (django-simple-history).",
        )
        parser.add_argument(
            "--with-users",
            action="store_true",
            help="Ook de gebruikersaccounts, met groepen en wachtwoord-hashes.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Alleen tellen wat erin zou gaan; niets schrijven.",
        )

    def handle(self, *args, file, with_history=False, with_users=False, dry_run=False, **options):
        file = Path(file)
        # One consistent snapshot, also while editors keep working.
        with transaction.atomic():
            objects = collect(with_history=with_history, with_users=with_users)
        counts = {}
        for obj in objects:
            counts[obj["model"]] = counts.get(obj["model"], 0) + 1
        for label, count in counts.items():
            self.stdout.write(f"  {label}: {count}")
        if dry_run:
            self.stdout.write(
                self.style.WARNING(f"Dry run: {len(objects)} records; er is niets geschreven.")
            )
            return
        try:
            write_backup(file, objects, with_history=with_history, with_users=with_users)
        except BackupError as e:
            raise CommandError(str(e)) from None
        self.stdout.write(self.style.SUCCESS(f"{len(objects)} records opgeslagen in {file}."))
