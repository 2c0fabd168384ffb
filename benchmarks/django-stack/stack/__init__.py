"""The Django project of the benchmark stack; the Celery app loads with it."""
from .celery import app as celery_app

__all__ = ("celery_app",)
