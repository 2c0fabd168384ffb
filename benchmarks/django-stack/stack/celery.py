"""The Celery app: Redis broker, one job at a time per worker process (prefetch multiplier 1)."""
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stack.settings")

app = Celery("stack")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
