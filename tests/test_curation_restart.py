"""A restart (`make run`: migrate, then load_content) keeps what editors changed."""

import io
import re
import shlex
from pathlib import Path

import pytest
from django.core.management import call_command

from partners.models import Organisatie
from praktijken.models import Praktijk
from tests.factories_curation import ORGS, make_landelijk, post_data

BASE_DIR = Path(__file__).resolve().parent.parent
# Commands that only touch files, not the database.
FILE_ONLY = {"collectstatic"}


def run_steps():
    """The manage.py commands of the Makefile's `run` target, in order."""
    makefile = (BASE_DIR / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^run:.*\n((?:\t.*\n)+)", makefile, re.MULTILINE).group(1)
    return [
        shlex.split(line.split("manage.py", 1)[1])
        for line in recipe.splitlines()
        if "manage.py" in line
    ]


def test_make_run_only_migrates_and_loads_into_an_empty_database():
    names = [step[0] for step in run_steps()]
    assert names[:2] == ["migrate", "load_content"]
    assert set(names) <= {"migrate", "load_content"} | FILE_ONLY


@pytest.mark.django_db
def test_admin_edits_survive_the_run_commands(client):
    call_command("load_content", stdout=io.StringIO())
    client.force_login(make_landelijk())
    org = Organisatie.objects.get(slug="lkha")
    response = client.post(
        f"{ORGS}{org.pk}/change/", post_data(org, telefoon="070-123 45 67", nu_gecontroleerd="on")
    )
    assert response.status_code == 302
    Praktijk.objects.filter(slug="vgv").update(naam="Door de redactie herschreven")

    for step in run_steps():
        if step[0] not in FILE_ONLY:
            call_command(*step, stdout=io.StringIO())

    org.refresh_from_db()
    assert org.telefoon == "070-123 45 67"
    assert org.laatst_gecontroleerd_op is not None
    assert Praktijk.objects.get(slug="vgv").naam == "Door de redactie herschreven"
