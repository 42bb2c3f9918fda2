"""Put a portal_backup file back (`manage.py portal_restore`), exactly, in one transaction.

Refuses a database that already holds content, partners or history (or user
accounts with the same usernames as the backup) unless --force is given; then
the existing content and partner data (and, if the backup has history, the
history) are replaced. User accounts are never deleted, only added or updated.
"""

import json
from collections import Counter

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import serializers
from django.core.management.color import no_style
from django.db import connection
from simple_history.models import HistoricalChanges

from routekaart.backup import FORMAT, VERSION, BackupError, history_models, portal_models


def read_backup(path):
    if not path.is_file():
        raise BackupError(f"Bestand niet gevonden: {path}")
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise BackupError(f"{path} is geen leesbaar JSON-bestand ({e}).") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise BackupError(f"{path} is geen back-up van portal_backup.")
    if document.get("version") != VERSION:
        raise BackupError(f"Onbekende versie van het back-upformaat: {document.get('version')!r}.")
    objects = document.get("objects")
    if not isinstance(objects, list) or not all(
        isinstance(o, dict) and isinstance(o.get("model"), str) for o in objects
    ):
        raise BackupError(f"{path}: de lijst 'objects' ontbreekt of is beschadigd.")
    return objects


def check_models(objects):
    """Refuse a backup with kinds of records this portal does not know."""
    user_model = get_user_model()
    allowed = {m._meta.label_lower for m in [*portal_models(), *history_models()]}
    allowed |= {Group._meta.label_lower, user_model._meta.label_lower}
    unknown = sorted({o["model"] for o in objects} - allowed)
    if unknown:
        raise BackupError("De back-up bevat onbekende soorten gegevens: " + ", ".join(unknown))


def has_history(objects):
    labels = {m._meta.label_lower for m in history_models()}
    return any(o["model"] in labels for o in objects)


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
        if _needs_missing_account(model, missing):
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


def _needs_missing_account(model, missing_fields):
    """A record that only exists for a user account (such as a regional editor's regions)."""
    if issubclass(model, HistoricalChanges):
        return False
    user_model = get_user_model()
    return any(
        f.name in missing_fields and f.is_relation and f.related_model is user_model
        for f in model._meta.fields
    )


def reset_sequences(labels):
    models = [apps.get_model(label) for label in labels]
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
