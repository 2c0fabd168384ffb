"""manage.py seed: the recruiters of the suite's users file, the interviewers and their free slots."""
import csv
import datetime
import multiprocessing
import os
import time

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from scheduling.models import Interview, Interviewer, Slot

# Each day's slots: 08:00 to 18:00 UTC in half hours, every interviewer.
DAY_START_HOUR = 8
SLOTS_A_DAY = 20
SLOT_MINUTES = 30


class Command(BaseCommand):
    help = ("Seeds an empty database: one recruiter (a Django user, username = e-mail) per line of the "
            "users file (email,password), N interviewers, and their half-hour slots from 08:00 to 18:00 "
            "UTC on each of D days from tomorrow.")

    def add_arguments(self, parser):
        parser.add_argument("--users", required=True, help="CSV file of email,password with a header line")
        parser.add_argument("--interviewers", type=int, default=40)
        parser.add_argument("--days", type=int, default=30)

    def handle(self, *args, users, interviewers, days, **options):
        if not 1 <= interviewers <= 10_000:
            raise CommandError(f"--interviewers = '{interviewers}': must be a whole number from 1 to 10000")
        if not 1 <= days <= 3650:
            raise CommandError(f"--days = '{days}': must be a whole number from 1 to 3650")
        User = get_user_model()
        if User.objects.exists() or Slot.objects.exists() or Interview.objects.exists():
            raise CommandError("the database is not empty: seed a new one")
        accounts = read_accounts(users)
        started = time.monotonic()
        # PBKDF2 is the cost (HASH_ITERATIONS per account): hash on every core. The workers are
        # forked, so they inherit the configured Django.
        connection.close()
        with multiprocessing.get_context("fork").Pool(os.cpu_count() or 1) as pool:
            hashes = pool.map(make_password, [password for _, password in accounts], chunksize=8)
        hashed = time.monotonic() - started
        first_day = datetime.datetime.now(datetime.timezone.utc).replace(
            hour=0, minute=0, second=0, microsecond=0) + datetime.timedelta(days=1)
        with transaction.atomic():
            User.objects.bulk_create(
                [User(username=email, email=email, password=h) for (email, _), h in zip(accounts, hashes)],
                batch_size=500)
            people = Interviewer.objects.bulk_create(
                [Interviewer(name=f"Interviewer {i + 1:03d}") for i in range(interviewers)])
            slots = []
            for d in range(days):
                for step in range(SLOTS_A_DAY):
                    start = first_day + datetime.timedelta(days=d, hours=DAY_START_HOUR, minutes=SLOT_MINUTES * step)
                    end = start + datetime.timedelta(minutes=SLOT_MINUTES)
                    slots.extend(Slot(interviewer=p, start=start, end=end) for p in people)
            Slot.objects.bulk_create(slots, batch_size=2000)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        self.stdout.write(f"seeded {len(accounts)} recruiters ({hashed:.1f} s of hashing at "
                          f"{make_password('x').split('$')[1]} iterations), {interviewers} interviewers, "
                          f"{len(slots)} slots over {days} days from {first_day.date()} "
                          f"in {time.monotonic() - started:.1f} s")


def read_accounts(path):
    try:
        with open(path, newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
    except OSError as e:
        raise CommandError(f"--users = '{path}': cannot be read ({e.strerror})")
    if not rows or "email" not in rows[0] or "password" not in rows[0]:
        raise CommandError(f"--users = '{path}': must be a CSV with a header line email,password and accounts")
    return [(r["email"], r["password"]) for r in rows]
