"""The Celery task a booking queues: deliver the notifications, then mark the interview sent."""
import time

from celery import shared_task
from django.conf import settings

from .models import Interview


@shared_task(name="scheduling.send_notifications")
def send_notifications(interview_id):
    """Stands in for the e-mail and the calendar invite: sleeps JOB_SECONDS, then marks it sent."""
    time.sleep(settings.NOTIFICATION_JOB_SECONDS)
    Interview.objects.filter(id=interview_id, notification_status=Interview.PENDING).update(
        notification_status=Interview.SENT)
