"""The `reglament` command: manage.py's command line for an installed package.

Production runs from a wheel without a checkout, so `reglament migrate`, `reglament backup …`
and the rest stand where `python manage.py …` stands in development."""

import os
import sys


def main(argv=None):
    # Like manage.py: the environment may name other settings (the tests do).
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    # Imported here, after the settings are named: Django reads them as its commands load.
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv if argv is None else argv)


if __name__ == "__main__":
    main()
