"""The migrations that add the `_html` fields render the Markdown of existing records."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from routekaart.models import Hoofdstuk


@pytest.mark.django_db(transaction=True)
def test_the_data_migration_fills_existing_records():
    """Rows written before the migration (without `_html`) get their HTML from it."""
    executor = MigrationExecutor(connection)
    before = [("routekaart", "0006_bronvolgorde_laatst_gewijzigd")]
    executor.migrate(before)
    old_apps = MigrationExecutor(connection).loader.project_state(before).apps
    old_apps.get_model("routekaart", "Hoofdstuk").objects.create(
        slug="oud", titel="Oud", samenvatting="Een *zin*."
    )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert Hoofdstuk.objects.get(slug="oud").samenvatting_html == "<p>Een <em>zin</em>.</p>"


@pytest.mark.django_db(transaction=True)
def test_the_partner_descriptions_are_rendered_by_their_migration():
    from partners.models import Organisatie

    executor = MigrationExecutor(connection)
    before = [("partners", "0008_rendered_markdown")]
    executor.migrate(before)
    old_apps = MigrationExecutor(connection).loader.project_state(before).apps
    org_type = old_apps.get_model("partners", "Organisatietype").objects.create(
        slug="t", naam="T", niveau="landelijk"
    )
    org = old_apps.get_model("partners", "Organisatie").objects.create(
        slug="oud", naam="Oud", type=org_type, niveau="landelijk", beschrijving="Een *zin*."
    )
    old_apps.get_model("partners", "Voorziening").objects.create(
        organisatie=org, naam="Opvang", beschrijving="Een **plek**."
    )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    org = Organisatie.objects.get(slug="oud")
    assert org.beschrijving_html == "<p>Een <em>zin</em>.</p>"
    assert org.voorzieningen.get().beschrijving_html == "<p>Een <strong>plek</strong>.</p>"
