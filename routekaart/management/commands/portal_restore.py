"""Put a portal_backup file back, exactly, in one transaction.

Refuses a database that already holds content, partners or history (or user
accounts with the same usernames as the backup) unless --force is given; then
the existing content and partner data (and, if the backup has history, the
history) are replaced. User accounts are never deleted, only added or updated.
"""

import json
from collections import Counter
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import serializers
from django.core.cache import cache
from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandError
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, IntegrityError, connection, transaction
from simple_history.models import HistoricalChanges

from partners.models import Redacteur
from routekaart.management.commands.portal_backup import (
    FORMAT,
    VERSION,
    history_models,
    portal_models,
)


def read_backup(path):
    if not path.is_file():
        raise CommandError(f"Bestand niet gevonden: {path}")
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise CommandError(f"{path} is geen leesbaar JSON-bestand ({e}).") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise CommandError(f"{path} is geen back-up van portal_backup.")
    if document.get("version") != VERSION:
        raise CommandError(f"Onbekende versie van het back-upformaat: {document.get('version')!r}.")
    objects = document.get("objects")
    if not isinstance(objects, list) or not all(
        isinstance(o, dict) and isinstance(o.get("model"), str) for o in objects
    ):
        raise CommandError(f"{path}: de lijst 'objects' ontbreekt of is beschadigd.")
    return objects


def occupied(objects):
    """Why the database is not empty for this backup: a list of Dutch reasons."""
    reasons = [
        str(model._meta.verbose_name_plural)
        for model in portal_models()
        if model._default_manager.exists()
    ]
    history_labels = {m._meta.label_lower for m in history_models()}
    if any(o["model"] in history_labels for o in objects) and any(
        m._default_manager.exists() for m in history_models()
    ):
        reasons.append("wijzigingsgeschiedenis")
    user_model = get_user_model()
    usernames = [
        o["fields"].get(user_model.USERNAME_FIELD)
        for o in objects
        if o["model"] == user_model._meta.label_lower
    ]
    taken = list(
        user_model.objects.filter(**{f"{user_model.USERNAME_FIELD}__in": usernames}).values_list(
            user_model.USERNAME_FIELD, flat=True
        )
    )
    if taken:
        reasons.append("gebruikers " + ", ".join(sorted(taken)))
    return reasons


def wipe(*, with_history):
    for model in reversed(portal_models()):
        model._default_manager.all().delete()
    if with_history:
        for model in history_models():
            model._default_manager.all().delete()


def load(objects):
    """Save every object; returns (counts per model label, skipped Redacteur count)."""
    counts = Counter()
    skipped = 0
    deferred = []
    for item in serializers.deserialize("python", objects, handle_forward_references=True):
        model = type(item.object)
        missing = {field.name for field in item.deferred_fields}
        if model is Redacteur and "user" in missing:
            skipped += 1  # the account is not in this database (backup without users)
            continue
        if issubclass(model, HistoricalChanges):
            # An unknown user leaves "who" empty; the change itself is kept.
            item.deferred_fields = {
                f: v for f, v in item.deferred_fields.items() if f.name != "history_user"
            }
        item.save()
        counts[model._meta.label_lower] += 1
        if item.deferred_fields:
            deferred.append(item)
    for item in deferred:
        item.save_deferred_fields()
    return counts, skipped


def reset_sequences(labels):
    from django.apps import apps

    models = [apps.get_model(label) for label in labels]
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


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
        file = Path(file)
        objects = read_backup(file)
        user_model = get_user_model()
        allowed = {m._meta.label_lower for m in [*portal_models(), *history_models()]}
        allowed |= {Group._meta.label_lower, user_model._meta.label_lower}
        unknown = sorted({o["model"] for o in objects} - allowed)
        if unknown:
            raise CommandError("De back-up bevat onbekende soorten gegevens: " + ", ".join(unknown))
        with_history = any(
            o["model"] in {m._meta.label_lower for m in history_models()} for o in objects
        )
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
