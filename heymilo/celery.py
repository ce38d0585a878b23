import os

from celery import Celery

import heymilo.queue  # noqa: F401  (registers the embedded default's queue transport)

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "heymilo.settings")

# heymilo.jobs holds the periodic sweep that CELERY_BEAT_SCHEDULE (settings.py) runs.
app = Celery("heymilo", include=["heymilo.jobs"])
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
