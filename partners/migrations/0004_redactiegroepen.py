"""The two editor groups, "Landelijke redactie" and "Regionale redactie", with their permissions.

Uses partners.services.redactie_groups_sync, which only touches auth's own tables
(groups, permissions, content types). It runs again after every `migrate`, so
models added later get their permissions too.
"""

from django.db import migrations


def create_groups(apps, schema_editor):
    from partners.services import redactie_groups_sync

    redactie_groups_sync()


class Migration(migrations.Migration):

    dependencies = [
        ('partners', '0003_redacteur'),
        ('auth', '0012_alter_user_first_name_max_length'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.RunPython(create_groups, migrations.RunPython.noop),
    ]
