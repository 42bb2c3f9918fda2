#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys

# Commands that only read the models and never sign anything (no sessions, no tokens).
# They run without a SECRET_KEY, so `manage.py makemigrations --check` works in a bare
# checkout; every other command still requires one when DEBUG is off.
UNSIGNED_COMMANDS = {"makemigrations", "showmigrations", "sqlmigrate"}


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "routekaart.settings")
    if len(sys.argv) > 1 and sys.argv[1] in UNSIGNED_COMMANDS:
        os.environ.setdefault("SECRET_KEY", "unused-by-" + sys.argv[1])
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
