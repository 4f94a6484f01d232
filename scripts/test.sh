#!/usr/bin/env bash
# `make test`: set everything up and run the whole suite on SQLite; with CI set, again on a
# real PostgreSQL server started here on loopback.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/office-packages.sh

# gettext compiles the catalogs; LibreOffice converts the documents to PDF (driven through its UNO bridge,
# python3-uno), with metric-compatible fonts; poppler-utils reads the PDFs back. Chromium for the browser tests
# (Playwright drives Debian's build; it cannot download its own here).
packages=(gettext "${OFFICE_PACKAGES[@]}" chromium)
[ -n "${CI:-}" ] && packages+=(postgresql redis-server)
bash scripts/system-packages.sh "${packages[@]}"
make --no-print-directory install-test

echo "== Translations: every message of the interface in each of the five other UN languages"
# The check gathers the messages into the catalogs, then puts them back as they were.
kept=$(mktemp -d)
cp -r locale "$kept/"
trap 'rm -rf locale && cp -r "$kept/locale" . && rm -rf "$kept"' EXIT
.venv/bin/python manage.py makemessages -l fr -l es -l ru -l zh_Hans -l ar --no-obsolete \
  --ignore=".venv/*" --ignore="tests/*" --ignore="var/*" -v0
missing=""
for catalog in locale/*/LC_MESSAGES/django.po; do
  untranslated=$(msgattrib --untranslated "$catalog"; msgattrib --only-fuzzy "$catalog")
  if [ -n "$untranslated" ]; then
    missing="$missing$catalog:
$untranslated
"
  fi
done
rm -rf locale && cp -r "$kept/locale" . && rm -rf "$kept"
trap - EXIT
if [ -n "$missing" ]; then
  echo "$missing"
  echo "These messages have no translation: run makemessages -l <language> and translate them." >&2
  exit 1
fi
.venv/bin/python manage.py compilemessages --ignore=.venv -v0

echo "== Lint"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
echo "== Templates"
.venv/bin/djlint --lint committee meetings decisions documents templates --profile=django
echo "== Layers"
.venv/bin/lint-imports
echo "== Types"
.venv/bin/mypy
echo "== Migrations"
DJANGO_SETTINGS_MODULE=config.settings.test .venv/bin/python manage.py makemigrations --check --dry-run

echo "== Test suite, with coverage (at least 93 %)"
# Locally the test database is kept between runs (--reuse-db: a PostgreSQL named by DATABASE_URL is not built
# again; SQLite's is in memory anyway); CI always builds it afresh.
reuse=()
[ -z "${CI:-}" ] && reuse=(--reuse-db)
.venv/bin/python -m pytest --cov --cov-report=term "${reuse[@]}" "$@"

if [ -n "${CI:-}" ]; then
  echo "== Test suite on PostgreSQL, with Redis as the channel layer and the cache"
  pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  pgdata=$(mktemp -d /tmp/rapporteur-pg.XXXXXX)
  port=55432
  as_postgres=()
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres "$pgdata"
    as_postgres=(runuser -u postgres --)
  fi
  "${as_postgres[@]}" "$pgbin/initdb" -D "$pgdata" -U rapporteur -A trust -E UTF8 --no-sync >/dev/null
  "${as_postgres[@]}" "$pgbin/pg_ctl" -D "$pgdata" -l "$pgdata/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $pgdata -c fsync=off" start >/dev/null
  trap '"${as_postgres[@]}" "$pgbin/pg_ctl" -D "$pgdata" -m fast stop >/dev/null; rm -rf "$pgdata"' EXIT
  "$pgbin/createdb" -h 127.0.0.1 -p "$port" -U rapporteur rapporteur
  redis_port=56379
  redis-server --bind 127.0.0.1 --port "$redis_port" --save "" --appendonly no --daemonize yes \
    --pidfile "$pgdata/redis.pid" --logfile "$pgdata/redis.log"
  trap 'kill "$(cat "$pgdata/redis.pid")" 2>/dev/null; "${as_postgres[@]}" "$pgbin/pg_ctl" -D "$pgdata" -m fast stop >/dev/null; rm -rf "$pgdata"' EXIT
  for _ in $(seq 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done
  DATABASE_URL="postgres://rapporteur@127.0.0.1:$port/rapporteur" REDIS_URL="redis://127.0.0.1:$redis_port/0" \
    .venv/bin/python -m pytest "$@"
fi
