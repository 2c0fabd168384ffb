"""
Settings of the benchmark stack: a Django REST framework API on PostgreSQL with Celery on Redis,
all on loopback. Everything that varies between runs comes from the environment, which
benchmarks/django-stack.sh sets (and checks) before it starts anything:

  DJANGO_SECRET_KEY  a random key drawn by the script at each start
  PG_PORT            the PostgreSQL cluster's port on 127.0.0.1 (database "interviews", user postgres)
  REDIS_PORT         the Redis broker's port on 127.0.0.1 (Celery's queue "celery" in db 0)
  HASH_ITERATIONS    PBKDF2-SHA256 iterations of new password hashes (login costs one hash)
  JOB_SECONDS        how long one notification job sleeps before it marks the interview sent
  CONN_MAX_AGE       seconds a worker keeps its database connection (0: one per request)
"""
import os


def _number(name, default, kind, low, high):
    raw = os.environ.get(name, str(default))
    try:
        value = kind(raw)
    except ValueError:
        value = None
    if value is None or not low <= value <= high:
        raise SystemExit(f"{name} = '{raw}': must be a {kind.__name__} from {low} to {high}")
    return value


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or "benchmark-stack-only-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
APPEND_SLASH = True

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "rest_framework",
    "rest_framework.authtoken",
    "scheduling",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
]

ROOT_URLCONF = "stack.urls"
WSGI_APPLICATION = "stack.wsgi.application"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "interviews",
        "USER": "postgres",
        "HOST": "127.0.0.1",
        "PORT": _number("PG_PORT", 5433, int, 1, 65535),
        "CONN_MAX_AGE": _number("CONN_MAX_AGE", 60, int, 0, 86400),
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Django's PBKDF2-SHA256 hasher (hashes read "pbkdf2_sha256$<iterations>$<salt>$<hash>"), with the
# iteration count of new hashes from HASH_ITERATIONS instead of Django's fixed default.
HASH_ITERATIONS = _number("HASH_ITERATIONS", 1000, int, 1, 10_000_000)
PASSWORD_HASHERS = ["scheduling.hashers.ConfiguredPBKDF2PasswordHasher"]

USE_TZ = True
TIME_ZONE = "UTC"
LANGUAGE_CODE = "en-us"
USE_I18N = False

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.TokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
}

CELERY_BROKER_URL = f"redis://127.0.0.1:{_number('REDIS_PORT', 6380, int, 1, 65535)}/0"
CELERY_TASK_IGNORE_RESULT = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
NOTIFICATION_JOB_SECONDS = _number("JOB_SECONDS", 0.2, float, 0.0, 3600.0)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    # Django logs every 4xx answer (401, 404, 409) as a warning: under load that is a line per
    # request written by the workers the benchmark measures. Server errors are still logged.
    "loggers": {"django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False}},
}
