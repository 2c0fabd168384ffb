"""The API of the suite's contract (src/main/resources/api/interview-scheduling.openapi.yaml)."""
import datetime
import re

from django.contrib.auth import authenticate
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.http import JsonResponse
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from .models import Interview, Slot
from .tasks import send_notifications

# PostgreSQL's bigint: a larger id in a path or a body cannot name a row.
MAX_ID = 2**63 - 1
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
DIGITS = re.compile(r"\d{1,3}")


def problem(status, detail, headers=None):
    """An error answer: {"detail": "<one line>"}, as Django REST framework writes them."""
    return Response({"detail": detail}, status=status, headers=headers)


def utc(moment):
    return moment.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def interview_json(interview):
    return {
        "id": interview.id,
        "slot_id": interview.slot_id,
        "candidate_name": interview.candidate_name,
        "candidate_email": interview.candidate_email,
        "position": interview.position,
        "status": interview.status,
        "notification_status": interview.notification_status,
        "created_at": utc(interview.created_at),
    }


def json_object(request):
    """The request's JSON body as a dict, or None (malformed JSON raises DRF's ParseError: 400)."""
    data = request.data
    return data if isinstance(data, dict) else None


class Health(APIView):
    """GET /api/health/: liveness, no authentication, no database."""

    authentication_classes = []
    permission_classes = [AllowAny]

    def get(self, request):
        return Response({"status": "ok"})


class Login(APIView):
    """POST /api/login/: email and password for the recruiter's token (DRF's one token per user)."""

    authentication_classes = []
    permission_classes = [AllowAny]

    def post(self, request):
        data = json_object(request)
        if data is None:
            return problem(400, "The body must be a JSON object with email and password.")
        email, password = data.get("email"), data.get("password")
        if not isinstance(email, str) or not email or not isinstance(password, str) or not password:
            return problem(400, "email and password are required strings.")
        # Django's ModelBackend: one PBKDF2 hash per attempt, also for an unknown e-mail.
        user = authenticate(request._request, username=email, password=password)
        if user is None:
            return problem(401, "Unable to log in with provided credentials.", {"WWW-Authenticate": "Token"})
        token, _ = Token.objects.get_or_create(user=user)
        return Response({"token": token.key, "user": {"id": user.id, "email": user.email, "role": "recruiter"}})


class FreeSlots(APIView):
    """GET /api/slots/?date=YYYY-MM-DD&limit=N: free slots from now on, earliest first."""

    def get(self, request):
        limit = request.query_params.get("limit")
        if limit is None:
            limit = 20
        elif not DIGITS.fullmatch(limit) or not 1 <= int(limit) <= 100:
            return problem(400, f"limit = '{limit}': must be a whole number from 1 to 100.")
        else:
            limit = int(limit)
        now = timezone.now()
        booked = Interview.objects.filter(slot=OuterRef("pk"), status=Interview.SCHEDULED)
        free = Slot.objects.filter(~Exists(booked))
        day = request.query_params.get("date")
        if day is None:
            free = free.filter(start__gte=now)
        else:
            try:
                if not DATE.fullmatch(day):
                    raise ValueError(day)
                first = datetime.datetime.combine(datetime.date.fromisoformat(day), datetime.time.min,
                                                  tzinfo=datetime.timezone.utc)
            except ValueError:
                return problem(400, f"date = '{day}': must be a date, YYYY-MM-DD.")
            free = free.filter(start__gte=max(now, first), start__lt=first + datetime.timedelta(days=1))
        count = free.count()
        page = free.select_related("interviewer").order_by("start", "id")[:limit]
        return Response({
            "count": count,
            "results": [{
                "id": s.id,
                "interviewer": {"id": s.interviewer.id, "name": s.interviewer.name},
                "start": utc(s.start),
                "end": utc(s.end),
            } for s in page],
        })


class Interviews(APIView):
    """POST /api/interviews/: book a free slot; 409 when another booking took it first."""

    def post(self, request):
        data = json_object(request)
        if data is None:
            return problem(400, "The body must be a JSON object.")
        slot_id = data.get("slot_id")
        if not isinstance(slot_id, int) or isinstance(slot_id, bool):
            return problem(400, "slot_id is required and must be an integer.")
        fields = {}
        for name in ("candidate_name", "position"):
            value = data.get(name)
            if not isinstance(value, str) or not value.strip() or len(value) > 200:
                return problem(400, f"{name} is required: a non-blank string of at most 200 characters.")
            fields[name] = value
        email = data.get("candidate_email")
        try:
            if not isinstance(email, str) or len(email) > 254:
                raise ValidationError("not a string")
            validate_email(email)
        except ValidationError:
            return problem(400, "candidate_email is required and must be an e-mail address.")
        if not 1 <= slot_id <= MAX_ID or not Slot.objects.filter(pk=slot_id).exists():
            return problem(404, "No such slot.")
        try:
            with transaction.atomic():
                interview = Interview.objects.create(slot_id=slot_id, recruiter=request.user,
                                                     candidate_email=email, **fields)
                # Queued once the booking is committed, never for a booking rolled back.
                transaction.on_commit(lambda: send_notifications.delay(interview.id))
        except IntegrityError:
            return problem(409, "The slot was booked by someone else first.")
        return Response(interview_json(interview), status=201,
                        headers={"Location": f"/api/interviews/{interview.id}/"})


class OneInterview(APIView):
    """GET and DELETE /api/interviews/{id}/: only the recruiter who booked it sees it."""

    def get(self, request, interview_id):
        interview = None
        if interview_id <= MAX_ID:
            interview = Interview.objects.filter(id=interview_id, recruiter=request.user).first()
        if interview is None:
            return problem(404, "Not found.")
        return Response(interview_json(interview))

    def delete(self, request, interview_id):
        # Idempotent: cancelling a cancelled interview answers 204 again. The partial unique index
        # covers scheduled interviews only, so the slot is free from this commit on.
        cancelled = 0
        if interview_id <= MAX_ID:
            cancelled = Interview.objects.filter(id=interview_id, recruiter=request.user).update(
                status=Interview.CANCELLED)
        if not cancelled:
            return problem(404, "Not found.")
        return Response(status=204)


def not_found(request, exception=None):
    """Unknown paths answer JSON too (DEBUG is off: no page of the URL patterns)."""
    return JsonResponse({"detail": "Not found."}, status=404)


def server_error(request):
    return JsonResponse({"detail": "Server error."}, status=500)
