"""Run the periodic schedule (settings.CELERY_BEAT_SCHEDULE) in this process.

For the embedded mode, where there is no broker and so no Celery beat: `make run` starts this
beside the web server, so reminders, escalations, workflow timers and the search outbox run on
the same schedule as in production."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand

from config.celery import app as current_app


class Command(BaseCommand):
    help = "Run the Celery beat schedule in-process (embedded mode, no broker needed)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run every entry once and exit.")

    def handle(self, *args, once=False, **options):
        current_app.loader.import_default_modules()
        schedule = settings.CELERY_BEAT_SCHEDULE
        due = {name: 0.0 for name in schedule}
        while True:
            now = time.monotonic()
            for name, entry in schedule.items():
                if now < due[name]:
                    continue
                due[name] = now + float(entry["schedule"])
                task = current_app.tasks[entry["task"]]
                try:
                    result = task.apply().get(propagate=True)
                    self.stdout.write(f"{name}: {result}")
                except Exception as error:  # one failing entry must not stop the others
                    self.stderr.write(f"{name}: {error!r}")
            if once:
                return
            time.sleep(max(1.0, min(due.values()) - time.monotonic()))
