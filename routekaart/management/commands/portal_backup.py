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

import json
import os
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import serializers
from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from simple_history.models import HistoricalChanges

from routekaart.changes import curated_models

FORMAT = "routekaart-portal-backup"
VERSION = 1
# Derived data: the search index is rebuilt after a restore, and the data version
# only tells caches that something changed.
SKIPPED_MODELS = {"routekaart.zoekindex", "routekaart.dataversie"}


def portal_models():
    """The live content, partner, geography and role models, in dependency order."""
    models = [m for m in curated_models() if m._meta.label_lower not in SKIPPED_MODELS]
    return serializers.sort_dependencies([(None, models)], allow_cycles=True)


def history_models():
    return [
        model
        for label in settings.CURATED_APPS
        for model in apps.get_app_config(label).get_models()
        if issubclass(model, HistoricalChanges)
    ]


def serialize_model(model, *, natural_primary_keys=False):
    queryset = model._default_manager.order_by("pk")
    return serializers.serialize(
        "python",
        queryset,
        use_natural_foreign_keys=True,
        use_natural_primary_keys=natural_primary_keys,
    )


def serialize_history(model, usernames):
    """History rows keep raw ids (their targets may be deleted); the user becomes a username."""
    rows = serializers.serialize("python", model._default_manager.order_by("pk"))
    for row in rows:
        user_id = row["fields"].get("history_user")
        row["fields"]["history_user"] = [usernames[user_id]] if user_id in usernames else None
    return rows


def collect(*, with_history=False, with_users=False):
    """All objects of a backup as serializer dicts, in the order a restore needs them."""
    user_model = get_user_model()
    objects = serialize_model(Group, natural_primary_keys=True)
    if with_users:
        objects += serialize_model(user_model, natural_primary_keys=True)
    for model in portal_models():
        objects += serialize_model(model)
    if with_history:
        usernames = dict(user_model.objects.values_list("pk", user_model.USERNAME_FIELD))
        for model in history_models():
            objects += serialize_history(model, usernames)
    return objects


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
        document = {
            "format": FORMAT,
            "version": VERSION,
            "created": timezone.now(),
            "with_history": with_history,
            "with_users": with_users,
            "objects": objects,
        }
        temporary = file.with_name(file.name + ".tmp")
        try:
            with temporary.open("w", encoding="utf-8") as handle:
                json.dump(document, handle, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1)
            os.replace(temporary, file)
        except OSError as e:
            temporary.unlink(missing_ok=True)
            raise CommandError(f"Kan {file} niet schrijven: {e.strerror}.") from None
        self.stdout.write(self.style.SUCCESS(f"{len(objects)} records opgeslagen in {file}."))
