#!/usr/bin/env bash
# A real Django REST framework + PostgreSQL + Celery/Redis stack on loopback, from Debian's packages
# only, to point the suite (and its capacity search) at, with Debian's exporters as its server
# sources. The app is benchmarks/django-stack/ (plain files); docs/django-stack.md tells the rest.
#
#   benchmarks/django-stack.sh up                                 # install what is missing, start everything
#   benchmarks/django-stack.sh login-benchmark [seconds] [clients] # closed-loop logins a second (20 s, 16 clients)
#   benchmarks/django-stack.sh down                               # stop everything, remove its folder
#
# Settings (environment variables, read by `up`; the other commands read what `up` wrote):
#   WEB_WORKERS=2             gunicorn sync workers
#   CELERY_WORKERS=2          Celery worker processes (prefetch multiplier 1)
#   JOB_SECONDS=0.2           how long one notification job sleeps before it marks the interview sent
#   HASH_ITERATIONS=1000      PBKDF2-SHA256 iterations of the seeded passwords: a login costs one hash
#                             (Django 3.2's own default, 260000, makes login CPU-bound)
#   CONN_MAX_AGE=60           seconds a Django process keeps its database connection (0: one per request)
#   INTERVIEWERS=40           interviewers seeded; each has a half-hour slot from 08:00 to 18:00 UTC ...
#   SLOT_DAYS=30              ... on each of this many days from tomorrow
#   USERS_FILE=simulations-data/users.csv   recruiters (email,password), relative to the repository
#   WEB_PORT=8100             gunicorn, the API's base URL http://127.0.0.1:$WEB_PORT
#   PG_PORT=5433              PostgreSQL (database interviews, user postgres, trust on loopback)
#   REDIS_PORT=6380           Redis, Celery's broker (queue "celery" in db 0)
#   NODE_EXPORTER_PORT=9100   prometheus-node-exporter
#   POSTGRES_EXPORTER_PORT=9187  prometheus-postgres-exporter
#   REDIS_EXPORTER_PORT=9121  prometheus-redis-exporter
#   STACK_DIR=${TMPDIR:-/tmp}/django-stack   the run-time folder `up` creates and `down` removes
#                             (data, logs, process ids); set it and other ports to run a second stack
#
# Everything binds 127.0.0.1. Each step is bounded in time. Needs Debian (bookworm) and, to install
# what is missing, root.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
APP=$ROOT/benchmarks/django-stack
PY=/usr/bin/python3
STACK_DIR=${STACK_DIR:-${TMPDIR:-/tmp}/django-stack}
STATE=$STACK_DIR/stack.env

die() { echo "django-stack: $*" >&2; exit 2; }

usage() {
  sed -n '6,8p' "$0" | sed 's/^# *//' >&2
  exit 2
}

# --- settings ---------------------------------------------------------------------------------------

whole() { # NAME DEFAULT LOW HIGH
  local name=$1 value=${!1:-$2}
  [[ $value =~ ^[0-9]{1,9}$ ]] && (( 10#$value >= $3 && 10#$value <= $4 )) \
    || die "$name = '$value': must be a whole number from $3 to $4"
  printf -v "$name" '%d' "$((10#$value))"
}

read_settings() {
  whole WEB_WORKERS 2 1 64
  whole CELERY_WORKERS 2 1 64
  whole HASH_ITERATIONS 1000 1 10000000
  whole CONN_MAX_AGE 60 0 86400
  whole INTERVIEWERS 40 1 10000
  whole SLOT_DAYS 30 1 3650
  JOB_SECONDS=${JOB_SECONDS:-0.2}
  [[ $JOB_SECONDS =~ ^[0-9]{1,4}(\.[0-9]{1,3})?$ ]] \
    || die "JOB_SECONDS = '$JOB_SECONDS': must be seconds from 0 to 3600, at most 3 decimals (0.2)"
  awk -v s="$JOB_SECONDS" 'BEGIN { exit !(s <= 3600) }' \
    || die "JOB_SECONDS = '$JOB_SECONDS': must be seconds from 0 to 3600, at most 3 decimals (0.2)"
  USERS_FILE=${USERS_FILE:-simulations-data/users.csv}
  [[ -f $USERS_FILE && -r $USERS_FILE ]] \
    || die "USERS_FILE = '$USERS_FILE': cannot be read (a CSV of email,password, relative to the repository)"
  USERS_FILE=$(realpath "$USERS_FILE")
  local seen=" " port other
  for port in WEB_PORT PG_PORT REDIS_PORT NODE_EXPORTER_PORT POSTGRES_EXPORTER_PORT REDIS_EXPORTER_PORT; do
    case $port in
      WEB_PORT) whole WEB_PORT 8100 1024 65535 ;;
      PG_PORT) whole PG_PORT 5433 1024 65535 ;;
      REDIS_PORT) whole REDIS_PORT 6380 1024 65535 ;;
      NODE_EXPORTER_PORT) whole NODE_EXPORTER_PORT 9100 1024 65535 ;;
      POSTGRES_EXPORTER_PORT) whole POSTGRES_EXPORTER_PORT 9187 1024 65535 ;;
      REDIS_EXPORTER_PORT) whole REDIS_EXPORTER_PORT 9121 1024 65535 ;;
    esac
    for other in $seen; do
      [[ ${!other} != "${!port}" ]] || die "$port = '${!port}': $other is ${!other} too; each of the stack's ports needs its own"
    done
    seen+="$port "
  done
}

# --- installing -------------------------------------------------------------------------------------

PGBIN=
find_pgbin() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    [[ -x $d/initdb ]] && PGBIN=$d
  done
  [[ -n $PGBIN ]]
}

install_missing() {
  local missing=() module package
  for module in django:python3-django rest_framework:python3-djangorestframework psycopg2:python3-psycopg2 \
                celery:python3-celery redis:python3-redis; do
    package=${module#*:}
    [[ -x $PY ]] && "$PY" -c "import ${module%%:*}" 2>/dev/null || missing+=("$package")
  done
  [[ -x /usr/bin/gunicorn ]] || missing+=(gunicorn)
  find_pgbin || missing+=(postgresql)
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  command -v prometheus-node-exporter >/dev/null 2>&1 || missing+=(prometheus-node-exporter)
  command -v prometheus-postgres-exporter >/dev/null 2>&1 || missing+=(prometheus-postgres-exporter)
  command -v prometheus-redis-exporter >/dev/null 2>&1 || missing+=(prometheus-redis-exporter)
  (( ${#missing[@]} )) || return 0
  [[ $(id -u) == 0 ]] || die "missing Debian packages: ${missing[*]}; install them (apt-get install ${missing[*]}) or run as root"
  echo "Installing from Debian's packages: ${missing[*]}"
  # The stack starts these programs itself, on its own ports: keep the packages' scripts from
  # starting them as system-wide services while installing.
  local policy=/usr/sbin/policy-rc.d made=false status=0
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod +x "$policy" && made=true
  fi
  timeout 300 apt-get update -q && DEBIAN_FRONTEND=noninteractive timeout 900 \
    apt-get install -y -q --no-install-recommends "${missing[@]}" || status=$?
  if $made; then rm -f "$policy"; fi
  (( status == 0 )) || die "apt-get install ${missing[*]} failed (status $status)"
  find_pgbin || die "postgresql is installed but no initdb was found under /usr/lib/postgresql"
}

# --- processes ----------------------------------------------------------------------------------------

ROOT_USER=false
[[ $(id -u) == 0 ]] && ROOT_USER=true

as_postgres() { # PostgreSQL refuses to run as root: run it as the package's postgres user.
  if $ROOT_USER; then runuser -u postgres -- "$@"; else "$@"; fi
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

await_port() { # NAME PORT SECONDS
  local deadline=$((SECONDS + $3))
  while ! port_in_use "$2"; do
    if (( SECONDS >= deadline )); then
      echo "django-stack: $1 did not listen on 127.0.0.1:$2 within $3 s; its log:" >&2
      tail -n 20 "$STACK_DIR/logs/$1.log" >&2 || true
      return 1
    fi
    if [[ -f $STACK_DIR/pids/$1 ]] && ! kill -0 "$(cat "$STACK_DIR/pids/$1")" 2>/dev/null; then
      echo "django-stack: $1 exited before listening on 127.0.0.1:$2; its log:" >&2
      tail -n 20 "$STACK_DIR/logs/$1.log" >&2 || true
      return 1
    fi
    sleep 0.2
  done
}

start() { # NAME COMMAND...: in its own session (its children too), its id kept for `down`
  local name=$1
  shift
  setsid "$@" > "$STACK_DIR/logs/$name.log" 2>&1 < /dev/null &
  echo $! > "$STACK_DIR/pids/$name"
}

stop() { # NAME: the process group `start` began, TERM, then KILL after 15 s
  local file=$STACK_DIR/pids/$1 pid i
  [[ -f $file ]] || return 0
  pid=$(cat "$file")
  if [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 75; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.2
    done
    if kill -0 "$pid" 2>/dev/null; then
      echo "django-stack: $1 (process $pid) did not stop within 15 s; killing it" >&2
      kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$file"
}

stop_all() {
  local name
  for name in redis_exporter postgres_exporter node_exporter gunicorn celery redis; do
    stop "$name"
  done
  if [[ -f $STACK_DIR/pg/data/postmaster.pid ]] && find_pgbin; then
    as_postgres timeout 60 "$PGBIN/pg_ctl" -D "$STACK_DIR/pg/data" -m fast -t 30 -w stop > /dev/null \
      || echo "django-stack: PostgreSQL did not stop cleanly; see $STACK_DIR/logs/postgres.log" >&2
  fi
}

app_env() { # the environment the Django processes read (benchmarks/django-stack/stack/settings.py)
  export DJANGO_SETTINGS_MODULE=stack.settings DJANGO_SECRET_KEY PG_PORT REDIS_PORT HASH_ITERATIONS \
    JOB_SECONDS CONN_MAX_AGE PYTHONPYCACHEPREFIX=$STACK_DIR/pycache
}

# --- commands -----------------------------------------------------------------------------------------

up() {
  read_settings
  [[ ! -e $STACK_DIR ]] || die "STACK_DIR = '$STACK_DIR' exists: the stack is up (or was not taken down); run $0 down first"
  install_missing
  find_pgbin
  local port
  for port in WEB_PORT PG_PORT REDIS_PORT NODE_EXPORTER_PORT POSTGRES_EXPORTER_PORT REDIS_EXPORTER_PORT; do
    ! port_in_use "${!port}" || die "$port = '${!port}': 127.0.0.1:${!port} is in use; choose another port"
  done

  mkdir -m 755 "$STACK_DIR"
  mkdir -p "$STACK_DIR/logs" "$STACK_DIR/pids" "$STACK_DIR/pg" "$STACK_DIR/redis"
  ok=false
  trap 'exit 130' INT TERM
  trap 'if ! $ok; then echo "django-stack: up failed; stopping what it started and removing $STACK_DIR" >&2; stop_all; rm -rf "$STACK_DIR"; fi' EXIT
  DJANGO_SECRET_KEY=$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')
  app_env
  {
    for v in WEB_WORKERS CELERY_WORKERS JOB_SECONDS HASH_ITERATIONS CONN_MAX_AGE INTERVIEWERS SLOT_DAYS USERS_FILE \
             WEB_PORT PG_PORT REDIS_PORT NODE_EXPORTER_PORT POSTGRES_EXPORTER_PORT REDIS_EXPORTER_PORT; do
      printf '%s=%q\n' "$v" "${!v}"
    done
  } > "$STATE"

  echo "PostgreSQL: a new cluster on 127.0.0.1:$PG_PORT"
  if $ROOT_USER; then chown postgres: "$STACK_DIR/pg" "$STACK_DIR/logs"; fi
  as_postgres timeout 120 "$PGBIN/initdb" -D "$STACK_DIR/pg/data" -U postgres --auth=trust --no-sync -E UTF8 \
    > "$STACK_DIR/logs/initdb.log" 2>&1 || { tail -n 20 "$STACK_DIR/logs/initdb.log" >&2; return 1; }
  as_postgres timeout 90 "$PGBIN/pg_ctl" -D "$STACK_DIR/pg/data" -l "$STACK_DIR/logs/postgres.log" -w -t 60 \
    -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=$STACK_DIR/pg" start > /dev/null \
    || { tail -n 20 "$STACK_DIR/logs/postgres.log" >&2; return 1; }
  timeout 30 "$PGBIN/psql" -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -c "CREATE DATABASE interviews" > /dev/null

  echo "Redis: 127.0.0.1:$REDIS_PORT"
  start redis redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --dir "$STACK_DIR/redis"
  await_port redis "$REDIS_PORT" 30

  echo "Django: migrate, seed (HASH_ITERATIONS=$HASH_ITERATIONS)"
  (cd "$APP" && timeout 300 "$PY" manage.py migrate --noinput -v 0)
  (cd "$APP" && timeout 1200 "$PY" manage.py seed --users "$USERS_FILE" --interviewers "$INTERVIEWERS" --days "$SLOT_DAYS")

  echo "gunicorn: $WEB_WORKERS sync workers on 127.0.0.1:$WEB_PORT; Celery: $CELERY_WORKERS workers"
  start gunicorn /usr/bin/gunicorn --chdir "$APP" --workers "$WEB_WORKERS" --worker-class sync \
    --bind "127.0.0.1:$WEB_PORT" --error-logfile - --log-level warning stack.wsgi:application
  (cd "$APP" && start celery "$PY" -m celery -A stack worker --concurrency "$CELERY_WORKERS" --pool prefork \
    --prefetch-multiplier 1 --without-gossip --without-mingle --without-heartbeat --loglevel WARNING)

  echo "Exporters: node, postgres, redis"
  start node_exporter prometheus-node-exporter "--web.listen-address=127.0.0.1:$NODE_EXPORTER_PORT"
  start postgres_exporter env "DATA_SOURCE_NAME=postgresql://postgres@127.0.0.1:$PG_PORT/postgres?sslmode=disable" \
    prometheus-postgres-exporter "--web.listen-address=127.0.0.1:$POSTGRES_EXPORTER_PORT" \
    "--extend.query-path=$ROOT/monitoring/postgres-exporter/queries.yaml"
  start redis_exporter prometheus-redis-exporter "-redis.addr=redis://127.0.0.1:$REDIS_PORT" \
    "-web.listen-address=127.0.0.1:$REDIS_EXPORTER_PORT" -check-single-keys=db0=celery

  await_port gunicorn "$WEB_PORT" 60
  await_port node_exporter "$NODE_EXPORTER_PORT" 30
  await_port postgres_exporter "$POSTGRES_EXPORTER_PORT" 30
  await_port redis_exporter "$REDIS_EXPORTER_PORT" 30
  timeout 30 "$PY" - "$WEB_PORT" <<'EOF'
import sys, time, urllib.request
deadline = time.monotonic() + 25
while True:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/api/health/", timeout=5) as r:
            if r.status == 200:
                break
    except OSError as e:
        if time.monotonic() > deadline:
            sys.exit(f"django-stack: GET /api/health/ failed: {e}")
    time.sleep(0.2)
EOF
  celery_ready
  ok=true
  echo
  print_settings
}

celery_ready() { # the worker answers a ping within 60 s
  local deadline=$((SECONDS + 60))
  until (cd "$APP" && timeout 20 "$PY" -m celery -A stack inspect ping --timeout 2 > /dev/null 2>&1); do
    if (( SECONDS >= deadline )) || ! kill -0 "$(cat "$STACK_DIR/pids/celery")" 2>/dev/null; then
      echo "django-stack: the Celery worker did not answer within 60 s; its log:" >&2
      tail -n 20 "$STACK_DIR/logs/celery.log" >&2
      return 1
    fi
    sleep 1
  done
}

print_settings() {
  cat <<EOF
The stack is up (run-time folder $STACK_DIR, logs in $STACK_DIR/logs):
  API                http://127.0.0.1:$WEB_PORT/api/health/   ($WEB_WORKERS gunicorn sync workers, HASH_ITERATIONS=$HASH_ITERATIONS)
  Celery             $CELERY_WORKERS workers on redis://127.0.0.1:$REDIS_PORT/0, queue celery, JOB_SECONDS=$JOB_SECONDS
  PostgreSQL         127.0.0.1:$PG_PORT, database interviews
  node_exporter      http://127.0.0.1:$NODE_EXPORTER_PORT/metrics
  postgres_exporter  http://127.0.0.1:$POSTGRES_EXPORTER_PORT/metrics
  redis_exporter     http://127.0.0.1:$REDIS_EXPORTER_PORT/metrics

Point the suite at it (any simulation; Smoke shown):
  ./mvnw -B -ntp gatling:test -Dsimulation=Smoke \\
    -Dloadtest.target.base-url=http://127.0.0.1:$WEB_PORT \\
    -Dloadtest.api.auth-scheme=Token \\
    -Dloadtest.results.prometheus.enabled=false \\
    -Dloadtest.results.sources.app.preset=node -Dloadtest.results.sources.app.url=http://127.0.0.1:$NODE_EXPORTER_PORT/metrics \\
    -Dloadtest.results.sources.db.preset=postgres -Dloadtest.results.sources.db.url=http://127.0.0.1:$POSTGRES_EXPORTER_PORT/metrics \\
    -Dloadtest.results.sources.broker.preset=redis-celery -Dloadtest.results.sources.broker.url=http://127.0.0.1:$REDIS_EXPORTER_PORT/metrics

Stop it: $0 down
EOF
}

load_state() {
  [[ -f $STATE ]] || die "STACK_DIR = '$STACK_DIR' holds no running stack; run $0 up first"
  # shellcheck disable=SC1090
  source "$STATE"
}

login_benchmark() {
  local seconds=${1:-20} clients=${2:-16}
  [[ $seconds =~ ^[0-9]{1,3}$ ]] && (( seconds >= 1 && seconds <= 600 )) \
    || die "seconds = '$seconds': must be a whole number from 1 to 600"
  [[ $clients =~ ^[0-9]{1,3}$ ]] && (( clients >= 1 && clients <= 256 )) \
    || die "clients = '$clients': must be a whole number from 1 to 256"
  load_state
  echo "login benchmark: $clients closed-loop clients for $seconds s against $WEB_WORKERS gunicorn sync workers," \
    "HASH_ITERATIONS=$HASH_ITERATIONS, $(nproc) cores"
  timeout $((seconds + 60)) "$PY" "$APP/login_benchmark.py" "http://127.0.0.1:$WEB_PORT" "$USERS_FILE" \
    "$seconds" "$clients" 2 "$(cat "$STACK_DIR/pids/gunicorn")"
}

down() {
  if [[ ! -d $STACK_DIR ]]; then
    echo "django-stack: nothing to stop (no $STACK_DIR)"
    return 0
  fi
  [[ -f $STATE || -d $STACK_DIR/pids ]] || die "STACK_DIR = '$STACK_DIR' is not a folder this script made; not touching it"
  stop_all
  rm -rf "$STACK_DIR"
  echo "django-stack: stopped, $STACK_DIR removed"
}

case ${1:-} in
  up) up ;;
  down) down ;;
  login-benchmark) shift; login_benchmark "$@" ;;
  *) echo "django-stack: command = '${1:-}': must be up, down or login-benchmark" >&2; usage ;;
esac
