"""Back-up of all portal data as one JSON document (`manage.py portal_backup`).

Part of the core: it imports no app. Which models count is the setting
CURATED_APPS (routekaart.changes.curated_models); user accounts and groups are
added by natural key, history rows keep their raw ids.
"""

import datetime
import json
import os

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from simple_history.models import HistoricalChanges

from routekaart.changes import curated_models


class BackupEncoder(DjangoJSONEncoder):
    """Datetimes with all their microseconds: DjangoJSONEncoder cuts them to milliseconds,
    so a time such as 12:00:00.000400 came back as 12:00:00 and a round trip was not exact."""

    def default(self, o):
        if isinstance(o, datetime.datetime):
            text = o.isoformat()
            return text[:-6] + "Z" if text.endswith("+00:00") else text
        return super().default(o)


class BackupError(Exception):
    """A backup cannot be written or read; the message is Dutch and shown as is."""


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


def write_backup(file, objects, *, with_history, with_users):
    """Write the document atomically: a reader never sees half a file."""
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
            json.dump(document, handle, cls=BackupEncoder, ensure_ascii=False, indent=1)
        os.replace(temporary, file)
    except OSError as e:
        temporary.unlink(missing_ok=True)
        raise BackupError(f"Kan {file} niet schrijven: {e.strerror}.") from None
