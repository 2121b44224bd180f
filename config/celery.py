"""Celery application.

With CELERY_BROKER_URL unset, settings make every task run eagerly in the calling process, so the
embedded mode (`make run`) needs neither Redis nor a worker.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("reglament")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
