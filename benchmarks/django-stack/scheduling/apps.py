"""The scheduling app."""
from django.apps import AppConfig


class SchedulingConfig(AppConfig):
    """Interviewers, their slots and the interviews booked on them."""

    name = "scheduling"
    default_auto_field = "django.db.models.BigAutoField"
