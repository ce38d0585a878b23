"""Settings come from environment variables only; the defaults boot with nothing configured.

Every variable is listed in README.md and .env.example.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: str) -> bool:
    value = os.getenv(name, default).strip().lower()
    if value in ("true", "1", "yes", "on"):
        return True
    if value in ("false", "0", "no", "off", ""):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def envint(name: str, default: str) -> int:
    value = os.getenv(name, default)
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, not {value!r}") from None


def envfloat(name: str, default: str) -> float:
    value = os.getenv(name, default)
    try:
        return float(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a number, not {value!r}") from None


def envstr(name: str, default: str = "") -> str:
    return os.getenv(name, default)


VAR_DIR = Path(envstr("VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = envbool("DEBUG", "false")
# `make run` keeps a random key in this file for the embedded default.
SECRET_KEY_FILE = VAR_DIR / "secret-key"
# Keys that were ever published (old defaults, .env.example): anyone could sign with them.
PUBLISHED_SECRET_KEYS = {
    "dev-only-insecure-secret-key-change-me-in-production",
    "change-me",
}
DEVELOPMENT_SECRET_KEY = "development-only-key-never-accepted-when-debug-is-false"


def secret_key_problem(key: str) -> str | None:
    """Why `key` cannot sign links to recordings or derive the webhook-secret key, if it can't."""
    if not key:
        return "is not set"
    if key in PUBLISHED_SECRET_KEYS or key == DEVELOPMENT_SECRET_KEY:
        return "is a published default"
    if len(key) < 50 or len(set(key)) < 5 or key.startswith("django-insecure-"):
        return "is too weak (use at least 50 random characters)"
    return None


def read_secret_key() -> str:
    key = envstr("SECRET_KEY").strip()
    if not key and SECRET_KEY_FILE.exists():
        key = SECRET_KEY_FILE.read_text().strip()
    problem = secret_key_problem(key)
    if problem is None:
        return key
    if DEBUG and not key:
        return DEVELOPMENT_SECRET_KEY
    raise ImproperlyConfigured(
        f"SECRET_KEY {problem}. With DEBUG=false the server refuses to start without a strong "
        "key: anyone who knows the key can forge links to recordings and read webhook secrets. "
        "Set SECRET_KEY to at least 50 random characters, e.g. "
        "python3 -c 'import secrets; print(secrets.token_urlsafe(50))', "
        f"or run `make run`, which keeps one in {SECRET_KEY_FILE}."
    )


SECRET_KEY = read_secret_key()
HOST = envstr("HOST", "127.0.0.1")
PORT = envint("PORT", "8000")
# Every link that leaves the server (mails, API responses, exports) is built from this, never
# from the request's Host header, which a client chooses.
PUBLIC_URL = envstr("PUBLIC_URL", f"http://{HOST}:{PORT}").rstrip("/")
LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "[::1]"]


def default_allowed_hosts(public_url: str) -> list[str]:
    host = urlsplit(public_url).hostname or ""
    if not host:
        raise ImproperlyConfigured(f"PUBLIC_URL must be an absolute URL, not {public_url!r}")
    host = f"[{host}]" if ":" in host else host
    return [host, *LOOPBACK_HOSTS] if host in LOOPBACK_HOSTS else [host]


ALLOWED_HOSTS = [
    host.strip() for host in envstr("ALLOWED_HOSTS").split(",") if host.strip()
] or default_allowed_hosts(PUBLIC_URL)
CSRF_TRUSTED_ORIGINS = [PUBLIC_URL]

# Served over https (PUBLIC_URL says so): cookies only travel encrypted, browsers are told to
# use https only (HSTS), and plain http is redirected. Each can be overridden. Behind a proxy
# that terminates TLS, set SECURE_PROXY_SSL_HEADER to the header it sets (X-Forwarded-Proto).
HTTPS = urlsplit(PUBLIC_URL).scheme == "https"
SESSION_COOKIE_SECURE = envbool("SESSION_COOKIE_SECURE", str(HTTPS))
CSRF_COOKIE_SECURE = envbool("CSRF_COOKIE_SECURE", str(HTTPS))
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", str(HTTPS))
SECURE_REDIRECT_EXEMPT = [r"^health$"]  # load balancers probe nodes over plain http
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", "31536000" if HTTPS else "0")
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", str(HTTPS))
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", str(HTTPS))
_proxy_header = envstr("SECURE_PROXY_SSL_HEADER").strip()
if _proxy_header:
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + _proxy_header.upper().replace("-", "_"), "https")

INSTALLED_APPS = [
    "daphne",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "channels",
    "heymilo.accounts",
    "heymilo.ai",
    "postings",
    "webhooks",
    "candidates",
    "interviews",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "heymilo.middleware.ContentSecurityMiddleware",
    "heymilo.middleware.RejectNulMiddleware",
    "heymilo.middleware.OutageMiddleware",
    "heymilo.middleware.AsyncFileResponseMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last: under ASGI a sync-only middleware above Django's async-capable ones would make
    # every request hop between the event loop and a thread twice more.
    "heymilo.accounts.throttle.AuthThrottleMiddleware",
]

ROOT_URLCONF = "heymilo.urls"
ASGI_APPLICATION = "heymilo.asgi.application"
WSGI_APPLICATION = "heymilo.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASE_URL = envstr("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=0)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the web process and the worker share the file.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # A file, not memory, so live-server threads and subprocesses in tests share it.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}
else:
    # While PostgreSQL is unreachable a request waits this long at most before its 503.
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = 5
    DATABASE_POOL_SIZE = envint("DATABASE_POOL_SIZE", "20")
    if DATABASE_POOL_SIZE:
        # Connections are kept and lent to each request (opening one costs more than most
        # queries); each is checked before it is lent, so none outlives a database restart.
        DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
        DATABASES["default"]["OPTIONS"]["pool"] = {
            "min_size": 1,
            "max_size": DATABASE_POOL_SIZE,
            "timeout": 3,  # then the request gets its 503 (PostgreSQL away, or swamped)
            # Give up a failing reconnection soon, so the next request tries afresh instead of
            # waiting out a backoff that doubles with every second PostgreSQL was away.
            "reconnect_timeout": 2,
        }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = envstr("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"pool_class": "heymilo.cache.SharedConnectionPool"},
        }
    }
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "heymilo.channel_layer.PatientRedisChannelLayer",
            # channels_redis waits up to 5 s in BZPOPMIN; redis-py 8's default 5 s socket
            # timeout would end that wait with an error and drop every websocket that stays
            # quiet for 5 s (a candidate thinking, or speaking an answer).
            "CONFIG": {"hosts": [{"address": REDIS_URL, "socket_timeout": 30}]},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

# Background jobs: Redis when configured, otherwise a filesystem queue (heymilo/queue.py), which
# needs no server and keeps queued jobs on disk across restarts.
CELERY_BROKER_URL = REDIS_URL or "heymilo-fs://localhost//"
if not REDIS_URL:
    _queue_dir = VAR_DIR / "queue"
    _queue_dir.mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue_dir),
        "data_folder_out": str(_queue_dir),
        "control_folder": str(_queue_dir / "control"),
    }
CELERY_TASK_ALWAYS_EAGER = envbool("CELERY_TASK_ALWAYS_EAGER", "false")
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_TASK_TIME_LIMIT = envint("CELERY_TASK_TIME_LIMIT", "600")
CELERY_TASK_SOFT_TIME_LIMIT = CELERY_TASK_TIME_LIMIT - 30

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "en"
# Candidates meet their posting's language (pages, mails, the interviewer's fixed lines); the
# recruiter's dashboard is in English. Translations: locale/<code>/LC_MESSAGES/*.po.
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# Serve from the app and project static folders too, so nothing depends on collectstatic.
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = VAR_DIR / "media"

S3_BUCKET = envstr("S3_BUCKET")
if S3_BUCKET:
    STORAGES = {
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": S3_BUCKET,
                "endpoint_url": envstr("S3_ENDPOINT_URL") or None,
                "region_name": envstr("S3_REGION") or None,
                "access_key": envstr("S3_ACCESS_KEY"),
                "secret_key": envstr("S3_SECRET_KEY"),
                "querystring_auth": True,
                "querystring_expire": envint("SIGNED_URL_TTL", "3600"),
                "default_acl": "private",
                # "path" for an S3 server behind our own proxy (deploy/haproxy.cfg), whose
                # host name has no per-bucket subdomains.
                "addressing_style": envstr("S3_ADDRESSING_STYLE") or None,
                # Signature V4: links name their lifetime (X-Amz-Expires); every region and
                # S3-compatible server takes it, while V2 is gone from newer AWS regions.
                "signature_version": "s3v4",
            },
        },
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
    }
    # Pages play recordings and open resumes straight from the bucket (presigned URLs).
    _endpoint = urlsplit(envstr("S3_ENDPOINT_URL"))
    FILES_ORIGINS = (
        [f"{_endpoint.scheme}://{_endpoint.netloc}", f"{_endpoint.scheme}://*.{_endpoint.netloc}"]
        if _endpoint.netloc
        else ["https://*.amazonaws.com"]
    )
else:
    FILES_ORIGINS = []  # served by this server, under /files/
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
    }
SIGNED_URL_TTL = envint("SIGNED_URL_TTL", "3600")
# Per interview; two hours of webcam video is well under it. Past it an upload never ends.
RECORDING_MAX_BYTES = envint("RECORDING_MAX_BYTES", str(2 * 1024**3))
RECORDING_CHUNK_MAX_BYTES = 8 * 1024 * 1024
RESUME_MAX_BYTES = 10 * 1024 * 1024

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["heymilo.api.authentication.ApiKeyAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["heymilo.api.authentication.HasApiKey"],
    "DEFAULT_THROTTLE_CLASSES": ["heymilo.api.throttling.ApiKeyRateThrottle"],
    "DEFAULT_PARSER_CLASSES": ["heymilo.api.parsers.JSONParser"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "EXCEPTION_HANDLER": "heymilo.api.errors.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": None,
}
API_DESCRIPTION = """\
The REST API of a self-hosted, HeyMilo-compatible AI interviewer: create a posting (a job and its
AI interviewer), send candidates to it, and read each interview's score, scorecard, transcript
and recordings, or receive them by webhook. Every request and response of HeyMilo's two seed
guides (a customer-service video interview; a sales pipeline with an optional resume screen,
then a video interview) works as written, and the examples here are taken from them.

**Authentication.** Send your workspace's API key in the `X-API-KEY` header (a workspace owner
creates keys on the dashboard, Settings → API keys). A key sees only its own workspace: another
workspace's ids answer 404, exactly as ids that do not exist. The intake call
(`POST /intake/v1/candidate/{ingestion_url_key}`) takes no key: the posting's intake key in the
URL is the credential.

**Envelopes.** One object: `{"object": "posting", "data": {…}}`. A list: `{"object": "list",
"data": […], "total_count": 42, "has_more": true, "url": "/v4/postings"}`. Ids are strings
(`B5E7F8A2` a posting, `E8F9A0B1C2D3E4F5` an interview, `Q001` a question); times are Unix
seconds. Links (`candidate_url`, `interview_url`, …) are built from the server's `PUBLIC_URL`:
store them as they come.

**Pagination.** Lists run oldest first and take `limit` (1–100, default 10) and
`starting_after` (the last id of the page you have). Ask again with `starting_after` while
`has_more` is true.

**Errors.** `{"error": {"type", "code", "message", "param", "errors": [{"param", "code",
"message"}]}}`: 400 malformed JSON; 401 missing or bad key; 404 no such object in your
workspace; 409 the object's state forbids it (an archived posting takes no candidates); 413 body
too large; 415 not JSON; 422 validation, where `errors` lists every invalid field and `param` is
a dotted path such as `workflow.0.questions.1.text`; 429 rate limited.

**Rate limits.** Per API key and minute (`API_RATE_LIMIT_PER_MINUTE`, 300 by default). Every
answer carries `X-RateLimit-Limit`, `X-RateLimit-Remaining` and `X-RateLimit-Reset` (seconds);
a 429 adds `Retry-After`.

**Safe to retry.** Ingesting an email that is already in the posting returns its existing
interview (200 instead of 201; no second interview, no second `candidate_ingested` event), so
an ingestion that timed out can simply be sent again. `PATCH` changes only the fields sent.

**Webhooks.** Register a URL per posting and event type (`candidate_ingested`,
`interview_started`, `interview_completed`, `report_available`). Deliveries are signed
(`X-HeyMilo-Signature`), retried for about a day and logged; each event has an id to
deduplicate by. The event bodies, the signature and code to verify it are in the repository's
`docs/webhooks.md`.
"""
SPECTACULAR_SETTINGS = {
    "TITLE": "HeyMilo-compatible interviewer API",
    "DESCRIPTION": API_DESCRIPTION,
    "VERSION": "4.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Enums stay inline where they are used: no shared enum components to collide. The one hook
    # orders the operations (heymilo.api.schema.OPERATION_ORDER) and describes path parameters.
    "POSTPROCESSING_HOOKS": ["heymilo.api.schema.postprocess"],
    "APPEND_COMPONENTS": {
        "securitySchemes": {
            "ApiKey": {
                "type": "apiKey",
                "in": "header",
                "name": "X-API-KEY",
                "description": "Your workspace's API key (dashboard, Settings → API keys).",
            }
        }
    },
    # The docs page lists the tags in this order.
    "TAGS": [
        {
            "name": "postings",
            "description": "A posting is a job with its AI interviewer: the job's text, what the "
            "interviewer says, and a workflow of steps (a `resume` screen, optional or required, "
            "then the `web_interview`). Create it with its questions in one call; the answer "
            "holds the candidate link and the intake key.",
        },
        {
            "name": "questions",
            "description": "A posting's questions: `voice` questions the interviewer asks "
            "(`Q001`…), and the criteria a resume is screened against: `resume_eligibility` "
            "(`rec_001`…) and `resume_scoring` (`rsc_001`…). Ids are never reused; each modality "
            "has its own ranks 1, 2, 3….",
        },
        {
            "name": "candidates",
            "description": "Send candidates to a posting, one or many per call: each gets an "
            "interview and its link (`interview_url`). An email already in the posting keeps "
            "its interview. List them with their score and progress; erase one on request.",
        },
        {
            "name": "ingestion",
            "description": "Candidates in the background or from outside: the `…/async` calls "
            "store the rows and answer 202 at once, a job ingests them (follow it with "
            "`GET /ingestions/{ingestion_id}`); the intake URL takes applications from careers "
            "pages and job boards without an API key.",
        },
        {
            "name": "interviews",
            "description": "An interview's results (`/data`: score, scorecard, transcript, "
            "resume screen, recordings), your own metadata on it, re-scoring and erasure.",
        },
        {
            "name": "webhooks",
            "description": "Signed HTTP callbacks about a posting's candidates, with a delivery "
            "log, redelivery, test events and secret rotation. Event bodies and signature "
            "verification: `docs/webhooks.md`.",
        },
    ],
}

API_RATE_LIMIT_PER_MINUTE = envint("API_RATE_LIMIT_PER_MINUTE", "300")
INTAKE_RATE_LIMIT_PER_MINUTE = envint("INTAKE_RATE_LIMIT_PER_MINUTE", "30")
API_MAX_BODY_BYTES = envint("API_MAX_BODY_BYTES", str(8 * 1024 * 1024))
DATA_UPLOAD_MAX_MEMORY_SIZE = API_MAX_BODY_BYTES
# The largest body each path takes, refused with a 413 before it is read
# (heymilo.middleware.BodyLimit); any other path takes API_MAX_BODY_BYTES.
BODY_LIMITS = [
    (r"^/i/[^/]+/recordings/", RECORDING_CHUNK_MAX_BYTES),
    (r"^/i/[^/]+/resume$", RESUME_MAX_BYTES + 64 * 1024),  # the file and its form fields
]
BULK_INGEST_MAX_ROWS = envint("BULK_INGEST_MAX_ROWS", "10000")

AI_ENGINE = envstr("AI_ENGINE", "local")
AI_BASE_URL = envstr("AI_BASE_URL")
AI_API_KEY = envstr("AI_API_KEY")
AI_MODEL = envstr("AI_MODEL")
AI_SCORING_MODEL = envstr("AI_SCORING_MODEL")
AI_TIMEOUT = envfloat("AI_TIMEOUT", "30")
AI_MAX_RETRIES = envint("AI_MAX_RETRIES", "2")

# An evaluation takes seconds (a remote model: a minute at most); one still "evaluating" after
# this was lost with a crashed worker or a lost message, and is queued again. A duplicate run
# is harmless: the first result stored wins.
EVALUATION_STUCK_AFTER_SECONDS = envint("EVALUATION_STUCK_AFTER_SECONDS", "120")
# A recording still unassembled this long after the interview ended lost its job (a killed
# worker); the sweep queues it again. Conversions of long interviews take minutes.
RECORDINGS_STUCK_AFTER_SECONDS = envint("RECORDINGS_STUCK_AFTER_SECONDS", "3600")
# A file an erasure condemned and still on storage this long after is queued for deletion again.
FILES_DELETE_STUCK_AFTER_SECONDS = envint("FILES_DELETE_STUCK_AFTER_SECONDS", "900")

SPEECH_TO_TEXT = envstr("SPEECH_TO_TEXT", "whisper")
SPEECH_TO_TEXT_MODEL = envstr("SPEECH_TO_TEXT_MODEL", "whisper-1")
TEXT_TO_SPEECH = envstr("TEXT_TO_SPEECH", "piper")
TEXT_TO_SPEECH_MODEL = envstr("TEXT_TO_SPEECH_MODEL", "tts-1")

WEBHOOKS_ALLOW_PRIVATE_URLS = envbool("WEBHOOKS_ALLOW_PRIVATE_URLS", "false")
WEBHOOK_TIMEOUT_SECONDS = envfloat("WEBHOOK_TIMEOUT_SECONDS", "10")
# Retries: the n-th failure waits BASE × 2^(n-1), capped at MAX_DELAY, ±20% jitter, until
# MAX_ATTEMPTS attempts in all. The defaults span about a day (docs/webhooks.md).
WEBHOOK_RETRY_BASE_SECONDS = envfloat("WEBHOOK_RETRY_BASE_SECONDS", "30")
WEBHOOK_RETRY_MAX_DELAY_SECONDS = envfloat("WEBHOOK_RETRY_MAX_DELAY_SECONDS", "14400")
WEBHOOK_MAX_ATTEMPTS = envint("WEBHOOK_MAX_ATTEMPTS", "15")
# An attempt not finished within the lease (worker killed) is re-queued by the sweep.
WEBHOOK_LEASE_SECONDS = envfloat("WEBHOOK_LEASE_SECONDS", "60")
# A due delivery whose queue message has not run within this time is queued again.
WEBHOOK_REQUEUE_AFTER_SECONDS = envfloat("WEBHOOK_REQUEUE_AFTER_SECONDS", "300")
# A webhook whose attempts all failed for this long (3 days) is disabled with a reason.
WEBHOOK_DISABLE_AFTER_SECONDS = envfloat("WEBHOOK_DISABLE_AFTER_SECONDS", str(3 * 24 * 3600))
if WEBHOOK_LEASE_SECONDS <= WEBHOOK_TIMEOUT_SECONDS:
    raise ImproperlyConfigured("WEBHOOK_LEASE_SECONDS must exceed WEBHOOK_TIMEOUT_SECONDS")

# The periodic sweep (heymilo/jobs.py) re-queues lost and stuck work; run by `celery beat`.
JOBS_SWEEP_INTERVAL_SECONDS = envfloat("JOBS_SWEEP_INTERVAL_SECONDS", "10")
CELERY_BEAT_SCHEDULE = {
    "jobs-sweep": {
        "task": "heymilo.jobs.sweep",
        "schedule": JOBS_SWEEP_INTERVAL_SECONDS,
        # A sweep still queued when the next is due is redundant: drop it.
        "options": {"expires": JOBS_SWEEP_INTERVAL_SECONDS},
    }
}
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")

# The embedded default keeps every mail as a file under VAR_DIR/mail (the dashboard's mail log
# shows what went out); the SMTP backend sends them.
EMAIL_BACKEND = envstr("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = VAR_DIR / "mail"
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", "30")
EMAIL_HOST = envstr("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", "25")
EMAIL_HOST_USER = envstr("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = envstr("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", "false")
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "interviews@localhost")

LOGIN_URL = "/login/"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "INFO")},
    # Every webhook attempt is already logged in the database; one line each is noise.
    "loggers": {"httpx": {"level": "WARNING"}},
}
