"""`make production`: the production stack on this machine, on loopback, until Ctrl-C.

PostgreSQL and Redis, two ASGI workers (uvicorn), the job worker (`manage.py run_jobs`) and nginx in front with
TLS (a certificate made here), under the production settings, with the demo loaded. A worker or the job worker
that dies is started again, as systemd's Restart=always would (config/deploy/ has those units for a real server).

Everything it keeps is under var/production/ (the database, the keys, the logs): a second run reuses it. The
addresses and the commands that stop and start each server are written to var/production/stack.json, for the
drill (`make drill`).
"""

import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STATE = ROOT / "var" / "production"
LOGS = STATE / "logs"
PYTHON = str(ROOT / ".venv" / "bin" / "python")
HTTPS_PORT, HTTP_PORT = 8443, 8080
WORKER_PORTS = (8001, 8002)
POSTGRES_PORT, REDIS_PORT = 5433, 6380
ADDRESS = f"https://127.0.0.1:{HTTPS_PORT}/"


def say(text: str) -> None:
    print(f"[production] {text}", flush=True)


def secret(name: str, make) -> str:
    """A secret kept in var/production/, made on the first run, readable by root alone from the start."""
    path = STATE / name
    if not path.exists():
        with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w", encoding="utf-8") as file:
            file.write(make())
    return path.read_text(encoding="utf-8").strip()


def reachable_by_others() -> None:
    """PostgreSQL runs as postgres and nginx's workers as www-data: each folder above the project must let them
    through (Debian's /root does not)."""
    for folder in [ROOT, *ROOT.parents]:
        if not folder.stat().st_mode & 0o001:
            raise SystemExit(
                f"{folder} lets no other user through (mode {folder.stat().st_mode & 0o777:o}): PostgreSQL (as "
                "postgres) and nginx (as www-data) could not reach var/production/. Clone the project elsewhere "
                "(e.g. /srv/rapporteur), or give the folder o+x."
            )


def as_postgres(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


def postgres_binaries() -> Path:
    return sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda path: int(path.parent.name))[-1]


def certificate() -> tuple[Path, Path]:
    folder = STATE / "tls"
    folder.mkdir(exist_ok=True)
    cert, key = folder / "cert.pem", folder / "key.pem"
    if not cert.exists():
        say("Making a TLS certificate for localhost and 127.0.0.1 (self-signed, a year)")
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "365", "-subj", "/CN=localhost",
             "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
            check=True, capture_output=True,
        )  # fmt: skip
        key.chmod(0o600)
    return cert, key


def postgres(password: str) -> dict:
    """Initialize (once) and start the cluster; the commands that stop and start it again."""
    binaries = postgres_binaries()
    data = STATE / "postgres"
    socket_folder = STATE / "postgres-socket"
    socket_folder.mkdir(exist_ok=True)
    if not (data / "PG_VERSION").exists():
        say("Creating the PostgreSQL cluster")
        data.mkdir(exist_ok=True)
        password_file = STATE / "postgres-password-once"
        with os.fdopen(os.open(password_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as file:
            file.write(password)
        if os.geteuid() == 0:
            shutil.chown(data, "postgres")
            shutil.chown(password_file, "postgres")
        subprocess.run(
            as_postgres([str(binaries / "initdb"), "-D", str(data), "-U", "rapporteur", "--auth=scram-sha-256",
                         f"--pwfile={password_file}", "-E", "UTF8"]),
            check=True, capture_output=True,
        )  # fmt: skip
        password_file.unlink()
    (LOGS / "postgres.log").touch()
    if os.geteuid() == 0:
        shutil.chown(socket_folder, "postgres")
        shutil.chown(LOGS / "postgres.log", "postgres")
    options = f"-c listen_addresses=127.0.0.1 -p {POSTGRES_PORT} -k {socket_folder}"
    control = {
        "start": as_postgres([str(binaries / "pg_ctl"), "-D", str(data), "-l", str(LOGS / "postgres.log"), "-w",
                              "-o", options, "start"]),
        "stop": as_postgres([str(binaries / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"]),
        "restart": as_postgres([str(binaries / "pg_ctl"), "-D", str(data), "-l", str(LOGS / "postgres.log"), "-w",
                                "-m", "fast", "-o", options, "restart"]),
        "status": as_postgres([str(binaries / "pg_ctl"), "-D", str(data), "status"]),
    }  # fmt: skip
    if subprocess.run(control["status"], capture_output=True).returncode != 0:
        say(f"Starting PostgreSQL on 127.0.0.1:{POSTGRES_PORT}")
        subprocess.run(control["start"], check=True, capture_output=True)
    environment = {**os.environ, "PGPASSWORD": password}
    exists = subprocess.run(
        [str(binaries / "psql"), "-h", "127.0.0.1", "-p", str(POSTGRES_PORT), "-U", "rapporteur", "-d", "postgres",
         "-tAc", "SELECT 1 FROM pg_database WHERE datname = 'rapporteur'"],
        env=environment, check=True, capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip
    if not exists:
        subprocess.run(
            [str(binaries / "createdb"), "-h", "127.0.0.1", "-p", str(POSTGRES_PORT), "-U", "rapporteur", "rapporteur"],
            env=environment, check=True,
        )  # fmt: skip
    return control


def redis() -> dict:
    pid = STATE / "redis.pid"
    control = {
        "start": ["redis-server", "--bind", "127.0.0.1", "--port", str(REDIS_PORT), "--save", "", "--appendonly", "no",
                  "--daemonize", "yes", "--pidfile", str(pid), "--logfile", str(LOGS / "redis.log")],
        "stop": ["redis-cli", "-p", str(REDIS_PORT), "shutdown", "nosave"],
        "ping": ["redis-cli", "-p", str(REDIS_PORT), "ping"],
    }  # fmt: skip
    if subprocess.run(control["ping"], capture_output=True, text=True).stdout.strip() != "PONG":
        say(f"Starting Redis on 127.0.0.1:{REDIS_PORT}")
        subprocess.run(control["start"], check=True)
        for _ in range(50):
            if subprocess.run(control["ping"], capture_output=True, text=True).stdout.strip() == "PONG":
                break
            time.sleep(0.1)
    return control


def nginx_configuration(cert: Path, key: Path) -> Path:
    temp = STATE / "nginx"
    temp.mkdir(exist_ok=True)
    if os.geteuid() == 0:
        shutil.chown(temp, "www-data")
    upstream = "\n".join(f"    server 127.0.0.1:{port} max_fails=1 fail_timeout=2s;" for port in WORKER_PORTS)
    path = STATE / "nginx.conf"
    path.write_text(
        f"""# Written by scripts/production.py: nginx in front of the ASGI workers, TLS, static files, websockets.
{"user www-data;" if os.geteuid() == 0 else ""}
worker_processes 2;
pid {STATE}/nginx.pid;
error_log {LOGS}/nginx-error.log warn;
events {{ worker_connections 4096; }}
http {{
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log {LOGS}/nginx-access.log;
  client_body_temp_path {temp}/body;
  proxy_temp_path {temp}/proxy;
  fastcgi_temp_path {temp}/fastcgi;
  uwsgi_temp_path {temp}/uwsgi;
  scgi_temp_path {temp}/scgi;
  client_max_body_size 60m;  # a document's language version: 50 MB
  server_tokens off;
  upstream rapporteur {{
{upstream}
    keepalive 32;
    keepalive_timeout 60s;  # below the workers' own (65 s): nginx never reuses a connection a worker is closing
  }}
  map $http_upgrade $connection_upgrade {{ default upgrade; "" ""; }}
  server {{
    listen 127.0.0.1:{HTTP_PORT};
    return 301 https://$host:{HTTPS_PORT}$request_uri;
  }}
  server {{
    listen 127.0.0.1:{HTTPS_PORT} ssl http2;
    ssl_certificate {cert};
    ssl_certificate_key {key};
    ssl_protocols TLSv1.2 TLSv1.3;
    location /static/ {{
      alias {ROOT}/staticfiles/;
      expires 7d;
      add_header Cache-Control "public";
    }}
    location / {{
      proxy_pass http://rapporteur;
      proxy_http_version 1.1;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-Proto https;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_read_timeout 300s;  # websockets stay open; a request that takes long is a job
      proxy_next_upstream error timeout http_502 http_503;
    }}
  }}
}}
""",
        encoding="utf-8",
    )
    return path


class Supervised:
    """A process started again whenever it stops, until the stack stops."""

    def __init__(self, name: str, command: list[str], environment: dict[str, str]) -> None:
        self.name, self.command, self.environment = name, command, environment
        self.process: subprocess.Popen | None = None
        self.restarts = 0

    def start(self) -> None:
        with (LOGS / f"{self.name}.log").open("ab") as log:  # the process keeps its own copy of the handle
            self.process = subprocess.Popen(self.command, cwd=ROOT, env=self.environment, stdout=log, stderr=log)

    def watch(self) -> None:
        if self.process is not None and self.process.poll() is not None:
            say(f"{self.name} stopped (exit {self.process.returncode}); starting it again")
            self.restarts += 1
            self.start()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)

    def wait(self) -> None:
        if self.process is not None:
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()


def django(environment: dict[str, str], *arguments: str) -> None:
    subprocess.run([PYTHON, "manage.py", *arguments], cwd=ROOT, env=environment, check=True)


def main() -> int:
    if os.geteuid() == 0:
        reachable_by_others()
    for folder in (STATE, LOGS):
        folder.mkdir(parents=True, exist_ok=True)
    STATE.chmod(0o755)
    database_password = secret("database-password", lambda: secrets.token_urlsafe(24))
    demo_password = secret("demo-password", lambda: secrets.token_urlsafe(12))
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secret("secret-key", lambda: secrets.token_urlsafe(50)),
        "DATABASE_URL": f"postgres://rapporteur:{database_password}@127.0.0.1:{POSTGRES_PORT}/rapporteur",
        "REDIS_URL": f"redis://127.0.0.1:{REDIS_PORT}/0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "CSRF_TRUSTED_ORIGINS": f"https://127.0.0.1:{HTTPS_PORT},https://localhost:{HTTPS_PORT}",
        "SITE_URL": ADDRESS.rstrip("/"),
        # No mail server here: what would be sent is written to files instead.
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(STATE / "mail"),
    }
    cert, key = certificate()
    postgres_control = postgres(database_password)
    redis_control = redis()
    say("Migrating, collecting the static files")
    django(environment, "migrate", "--noinput", "-v0")
    django(environment, "collectstatic", "--noinput", "-v0")
    if not (STATE / "demo-loaded").exists():
        say("Loading the demo (its reports are issued in six languages, as PDF too: a minute or two)")
        django(environment, "load_demo", f"--password={demo_password}")  # a password may start with "-"
        (STATE / "demo-loaded").touch()
    uvicorn = [PYTHON, "-m", "uvicorn", "config.asgi:application", "--host", "127.0.0.1", "--no-server-header",
               "--proxy-headers", "--forwarded-allow-ips", "127.0.0.1",
               "--timeout-graceful-shutdown", "10", "--timeout-keep-alive", "65"]  # fmt: skip
    processes = [
        *(Supervised(f"web-{port}", [*uvicorn, "--port", str(port)], environment) for port in WORKER_PORTS),
        Supervised("jobs", [PYTHON, "manage.py", "run_jobs", "--interval", "0.5"], environment),
        Supervised(
            "nginx",
            [
                shutil.which("nginx") or "/usr/sbin/nginx",
                "-c",
                str(nginx_configuration(cert, key)),
                "-g",
                "daemon off;",
            ],
            environment,
        ),
    ]
    (STATE / "stack.json").write_text(
        json.dumps(
            {
                "address": ADDRESS,
                "workers": [f"http://127.0.0.1:{port}/" for port in WORKER_PORTS],
                "environment": {name: environment[name] for name in ("DATABASE_URL", "REDIS_URL", "SECRET_KEY")},
                "postgres": postgres_control,
                "redis": redis_control,
                "demo": {"email": "secretariat@example.org", "password": demo_password},
                "supervisor": os.getpid(),
            },
            indent=2,
        ),
        encoding="utf-8",
    )
    (STATE / "stack.json").chmod(0o600)

    stopping = []
    signal.signal(signal.SIGINT, lambda *_: stopping.append(True))
    signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
    for process in processes:
        process.start()
    for worker_port in WORKER_PORTS:
        ready_by = time.monotonic() + 60
        while not stopping:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{worker_port}/healthz", timeout=2):  # noqa: S310
                    break
            except OSError:
                if time.monotonic() > ready_by:
                    say(f"The worker on port {worker_port} did not start: see {LOGS}/web-{worker_port}.log")
                    stopping.append(True)
                time.sleep(0.2)
    if not stopping:
        print(
            f"""
Rapporteur runs in production, on this machine only, at {ADDRESS}
  (the certificate is made here: the browser asks to trust it once; http://127.0.0.1:{HTTP_PORT}/ redirects)
Sign in as secretariat@example.org with the password {demo_password}
  (the secretariat sets up two-factor authentication first: an authenticator app, or any TOTP tool)
  The rapporteur: rapporteur@example.org, the same password.
Two ASGI workers (ports {", ".join(map(str, WORKER_PORTS))}), a job worker, nginx,
  PostgreSQL ({POSTGRES_PORT}), Redis ({REDIS_PORT}).
Logs in {LOGS}; mail that would be sent in {STATE / "mail"}. Ctrl-C stops everything.
""",
            flush=True,
        )
    while not stopping:
        for process in processes:
            process.watch()
        time.sleep(0.5)

    say("Stopping")
    for process in processes:
        process.stop()
    for process in processes:
        process.wait()
    subprocess.run(redis_control["stop"], capture_output=True)
    subprocess.run(postgres_control["stop"], capture_output=True)
    say("Stopped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
