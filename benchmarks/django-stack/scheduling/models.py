"""Interviewers, their slots and the interviews recruiters book on them."""
from django.conf import settings
from django.db import models
from django.db.models import Q


class Interviewer(models.Model):
    """Someone who interviews candidates; owns slots."""

    name = models.CharField(max_length=200)


class Slot(models.Model):
    """A half hour of one interviewer; free while no scheduled interview holds it."""

    interviewer = models.ForeignKey(Interviewer, on_delete=models.CASCADE, related_name="slots")
    start = models.DateTimeField()
    end = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["start", "id"], name="slot_start_id")]


class Interview(models.Model):
    """A booking of a slot for a candidate by a recruiter."""

    SCHEDULED = "scheduled"
    CANCELLED = "cancelled"
    PENDING = "pending"
    SENT = "sent"

    slot = models.ForeignKey(Slot, on_delete=models.PROTECT, related_name="interviews")
    recruiter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="interviews")
    candidate_name = models.CharField(max_length=200)
    candidate_email = models.CharField(max_length=254)
    position = models.CharField(max_length=200)
    status = models.CharField(max_length=16, default=SCHEDULED)
    notification_status = models.CharField(max_length=16, default=PENDING)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            # The race guard: at most one scheduled interview per slot (a partial unique index in
            # PostgreSQL). Of two concurrent bookings of one slot, the second insert fails.
            models.UniqueConstraint(fields=["slot"], condition=Q(status="scheduled"),
                                    name="one_scheduled_interview_per_slot"),
        ]
