from django.core.management.base import BaseCommand
from django.db import transaction

from routekaart.changes import bulk_written


class Command(BaseCommand):
    help = (
        "Rebuild the site search index from all published records. Saves in the admin keep "
        "it current; run this after bulk changes that bypass save(), such as SQL or bulk_create."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            count = bulk_written()
        self.stdout.write(self.style.SUCCESS(f"Zoekindex opgebouwd: {count} items."))
