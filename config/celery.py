"""Celery application.

With CELERY_BROKER_URL unset, settings make every task run eagerly in the calling process, so the
embedded mode (`make run`) needs neither Redis nor a worker.
"""

import os
from pathlib import Path

from celery import Celery
from celery.beat import PersistentScheduler

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("reglament")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


class StateDirScheduler(PersistentScheduler):
    """Beat's schedule file lives in the state directory (STATE_DIR), outside the checkout and
    the installed package; the directory is made on first start."""

    def _open_schedule(self):
        Path(self.schedule_filename).parent.mkdir(parents=True, exist_ok=True)
        return super()._open_schedule()
