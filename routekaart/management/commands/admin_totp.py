import io
from base64 import b32encode

import qrcode
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = (
        "Koppelt een authenticator-app (TOTP) aan een beheerdersaccount. Met ADMIN_REQUIRE_2FA "
        "aan (standaard in productie) kan een medewerker pas inloggen als dit is gedaan. Toont "
        "een QR-code en de geheime sleutel: laat de medewerker die zelf scannen, en bewaar ze "
        "nergens."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="De gebruikersnaam van de medewerker.")
        parser.add_argument(
            "--name",
            default="Authenticator-app",
            help="Naam van het apparaat (standaard: Authenticator-app).",
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Vervang bestaande apps van deze gebruiker (bij een nieuwe telefoon).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Alleen controleren; niets aanmaken."
        )

    def handle(self, *args, username, name, replace=False, dry_run=False, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(
                f"Geen gebruiker '{username}'. Maak die eerst aan "
                "(manage.py createsuperuser, of in het beheer)."
            )
        if not user.is_staff:
            raise CommandError(f"'{username}' is geen medewerker (is_staff staat uit).")
        existing = TOTPDevice.objects.filter(user=user)
        if existing.exists() and not replace:
            raise CommandError(
                f"'{username}' heeft al een app gekoppeld. Gebruik --replace om die te vervangen."
            )
        if dry_run:
            replaced = f" en {existing.count()} vervangen" if replace else ""
            self.stdout.write(f"Zou een app koppelen aan '{username}'{replaced}.")
            return
        with transaction.atomic():
            removed, _ = existing.delete()
            device = TOTPDevice.objects.create(user=user, name=name, confirmed=True)
        url = device.config_url
        code = qrcode.QRCode(border=2)
        code.add_data(url)
        picture = io.StringIO()
        code.print_ascii(out=picture, invert=True)
        self.stdout.write(picture.getvalue())
        self.stdout.write(f"Sleutel (handmatig invoeren): {b32encode(device.bin_key).decode()}")
        self.stdout.write(f"Of open: {url}")
        self.stdout.write(
            self.style.SUCCESS(
                f"App gekoppeld aan '{username}'"
                + (f" ({removed} oude vervangen)." if removed else ".")
            )
        )
