"""The production smoke test: the README's production steps, followed as written, on this
machine's PostgreSQL and Redis.

It gives itself a database (`imprimatur_smoke`) and a Redis database (15), runs `migrate`
and `collectstatic` with the production settings, opens the people with `add_person`,
starts gunicorn and a local SMTP sink (aiosmtpd), drives one article from its first draft to
publication through the API, and checks that the public page, the health endpoints and the
admin's CSS answer and that the e-mails, sent by the task worker, reached the SMTP server.
Whatever it started, it stops; the database is dropped. Exit status 0 when every check passed.

    .venv/bin/python bin/smoke.py
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import ExitStack
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
DATABASE = "imprimatur_smoke"
ADMIN_DSN = os.environ.get("SMOKE_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres")
REDIS_URL = os.environ.get("SMOKE_REDIS", "redis://127.0.0.1:6379/15")
PASSWORD = "smoke-test password that is long enough 7"  # noqa: S105 - a throwaway database
SLUG = "asthma-in-adults"
TITLE = "Asthma in adults"

PEOPLE = [  # username, role, name, credentials
    ("author", "author", "Wei Chen", ""),
    ("editor", "editor", "Sam Hughes", ""),
    ("reviewer1", "reviewer", "Dr Priya Patel", "MBBS, MRCP"),
    ("reviewer2", "reviewer", "Dr Linh Nguyen", "MD"),
    ("board1", "board", "Dr Amara Okafor", "MD, FRCP"),
    ("board2", "board", "Prof. Erik Lindqvist", "MD, PhD"),
]

# Run in the app's own environment: a specialty, and an authenticator for each person who
# needs a second factor, set up as a person would (confirmed with its current code); prints
# one recovery code each, which the API takes in place of a code.
ENROL = """
import json
from django.contrib.auth import get_user_model
from django_otp.oath import totp
from editorial import services
codes = {}
for username in ("editor", "board1", "board2"):
    person = get_user_model().objects.get(username=username)
    device = services.second_factor_start(person=person)
    code = f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"
    codes[username] = services.second_factor_enrol(actor=None, device=device, code=code)[0]
print(json.dumps(codes))
"""
SPECIALTY = """
from editorial import services
services.specialty_create(actor=None, name="Respiratory medicine", slug="respiratory-medicine")
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Smoke:
    def __init__(self, stack: ExitStack) -> None:
        self.stack = stack
        self.port = free_port()
        self.smtp_port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.static = tempfile.mkdtemp(prefix="imprimatur-static-")
        self.mail: list[Any] = []
        self.env = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG")}
        self.env.update(
            DJANGO_SETTINGS_MODULE="config.settings.production",
            SECRET_KEY="smoke-" + "Zq8vR2mXw7Lp4Tn9aB3c" * 3,
            AUDIT_KEY="smoke-audit-" + "kT7pQ2vX9mR4" * 3,
            ALLOWED_HOSTS="127.0.0.1",
            DATABASE_URL=ADMIN_DSN.rsplit("/", 1)[0] + f"/{DATABASE}",
            REDIS_URL=REDIS_URL,
            EMAIL_URL=f"smtp://127.0.0.1:{self.smtp_port}",
            SITE_URL=self.base,
            SECURE_SSL_REDIRECT="false",
            STATIC_ROOT=self.static,
        )

    # -- what it starts, and stops -------------------------------------------------------
    def database(self) -> None:
        import psycopg

        def reset(create: bool) -> None:
            with psycopg.connect(ADMIN_DSN, autocommit=True) as db:
                db.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
                if create:
                    db.execute(f"CREATE DATABASE {DATABASE}")

        reset(create=True)
        self.stack.callback(reset, create=False)

        import redis

        cache = redis.Redis.from_url(REDIS_URL)
        cache.flushdb()
        self.stack.callback(cache.flushdb)

    def smtp_sink(self) -> None:
        from aiosmtpd.controller import Controller

        received = self.mail

        class Sink:
            async def handle_DATA(self, server, session, envelope):
                received.append(envelope)
                return "250 Message accepted"

        controller = Controller(Sink(), hostname="127.0.0.1", port=self.smtp_port)
        controller.start()
        self.stack.callback(controller.stop)

    def manage(self, *args: str, stdin: str | None = None) -> str:
        done = subprocess.run(  # noqa: S603 - our own manage.py
            [PY, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        if done.returncode:
            raise SystemExit(f"manage.py {args[0]} failed:\n{done.stdout}\n{done.stderr}")
        return done.stdout

    def serve(self) -> None:
        gunicorn = subprocess.Popen(  # noqa: S603 - the documented command
            [str(Path(PY).parent / "gunicorn"), "config.wsgi", "--bind",
             f"127.0.0.1:{self.port}", "--workers", "2", "--timeout", "30",
             "--log-level", "warning"],
            cwd=ROOT,
            env=self.env,
        )  # fmt: skip
        self.stack.callback(self._stop, gunicorn)
        for _ in range(100):
            try:
                if self.get("/health/live")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise SystemExit("gunicorn did not answer /health/live within 20 s.")

    def work(self) -> None:
        """The e-mail worker, as its systemd service runs it."""
        worker = subprocess.Popen(  # noqa: S603 - the documented command
            [PY, "manage.py", "db_worker", "--no-reload"], cwd=ROOT, env=self.env
        )
        self.stack.callback(self._stop, worker)

    @staticmethod
    def _stop(process: subprocess.Popen) -> None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    # -- HTTP ----------------------------------------------------------------------------
    def request(self, method: str, path: str, data: Any = None, token: str = "") -> tuple:
        headers = {"Accept": "application/json"}
        body = None
        if data is not None:
            body = json.dumps(data).encode()
            headers["Content-Type"] = "application/json"
        if token:
            headers["Authorization"] = f"Token {token}"
        request = urllib.request.Request(self.base + path, body, headers, method=method)  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                return response.status, response.read(), response.headers
        except urllib.error.HTTPError as error:
            return error.code, error.read(), error.headers

    def get(self, path: str, token: str = "") -> tuple:
        return self.request("GET", path, token=token)

    def api(self, path: str, data: Any = None, token: str = "", expect: int = 200) -> Any:
        status, body, _ = self.request("POST", f"/api/v1/{path}", data or {}, token)
        if status != expect:
            raise SystemExit(f"POST /api/v1/{path}: {status}, expected {expect}: {body[:500]!r}")
        return json.loads(body) if body else None

    # -- the story -------------------------------------------------------------------------
    def run(self) -> None:
        self.database()
        self.smtp_sink()
        self.manage("migrate", "--noinput", "-v", "0")
        self.manage("collectstatic", "--noinput", "-v", "0")
        self.manage("shell", "-c", SPECIALTY)
        for username, role, name, credentials in PEOPLE:
            args = ["add_person", username, "--role", role, "--name", name,
                    "--email", f"{username}@example.org", "--password-stdin"]  # fmt: skip
            if credentials:
                args += ["--credentials", credentials, "--specialty", "respiratory-medicine"]
            self.manage(*args, stdin=PASSWORD + "\n")
        codes = json.loads(self.manage("shell", "-c", ENROL).strip().splitlines()[-1])
        self.serve()
        self.work()
        check("health: live", self.get("/health/live")[0] == 200)
        check("health: ready", self.get("/health/ready")[0] == 200)

        tokens = {}
        for username, *_ in PEOPLE:
            login = {"username": username, "password": PASSWORD, "name": "smoke"}
            if username in codes:
                login["otp"] = codes[username]
            tokens[username] = self.api("auth/token/", login, expect=201)["token"]

        article = self.api(
            "articles/",
            {
                "slug": SLUG,
                "specialty": "respiratory-medicine",
                "title": TITLE,
                "summary": "What asthma is and how it is treated.",
                "body": "Inhaled corticosteroids reduce attacks [1].",
                "references": [
                    {
                        "kind": "guideline",
                        "title": "Asthma: diagnosis, monitoring and chronic asthma management",
                        "source": "National Institute for Health and Care Excellence",
                        "year": 2024,
                        "url": "https://www.nice.org.uk/guidance/ng245",
                    }
                ],
            },
            tokens["author"],
            expect=201,
        )
        revision = article["latest_revision"]["id"]
        self.api(f"revisions/{revision}/submit/", token=tokens["author"])
        _, body, _ = self.get("/api/v1/reviewers/", tokens["editor"])
        reviewers = {r["display_name"]: r["id"] for r in _results(json.loads(body))}
        assignments = {}
        for username, _, name, _ in PEOPLE[2:4]:
            made = self.api(
                f"revisions/{revision}/assignments/",
                {"reviewer": reviewers[name]},
                tokens["editor"],
                expect=201,
            )
            assignments[username] = made["id"]
        for username, assignment in assignments.items():
            self.api(f"assignments/{assignment}/accept/", {"has_conflict": False}, tokens[username])
        self.api(f"revisions/{revision}/start-review/", token=tokens["editor"])
        for username, assignment in assignments.items():
            self.api(
                f"assignments/{assignment}/review/",
                {"recommendation": "approve", "comments_for_author": "Accurate and clear."},
                tokens[username],
            )
        for member in ("board1", "board2"):
            self.api(f"revisions/{revision}/vote/", {"decision": "approve"}, tokens[member])
        published = self.api(f"revisions/{revision}/publish/", token=tokens["editor"])
        check("the revision is published", published["state"] == "published")

        status, page, _ = self.get(f"/articles/{SLUG}/")
        check("the public page answers", status == 200 and TITLE.encode() in page)
        status, _, _ = self.get(f"/api/v1/public/articles/{SLUG}/")
        check("the public API answers", status == 200)
        status, login_page, _ = self.get("/admin/login/")
        stylesheet = re.search(rb'href="(/static/admin/css/base\.[0-9a-f]+\.css)"', login_page)
        check("the admin links its hashed CSS", status == 200 and stylesheet is not None)
        if stylesheet:
            status, _, headers = self.get(stylesheet.group(1).decode())
            check("the admin's CSS is served", status == 200 and "css" in headers["Content-Type"])

        subjects = self.wait_for_mail({"Invitation to review", "Published"})
        check(f"e-mails reached the SMTP server ({len(self.mail)})", bool(subjects))

    def wait_for_mail(self, expected: set[str], seconds: float = 30) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            seen = " ".join(e.content.decode(errors="replace") for e in self.mail)
            if all(subject in seen for subject in expected):
                return True
            time.sleep(0.3)
        return False


FAILED: list[str] = []


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def check(what: str, passed: bool) -> None:
    say(f"{'ok  ' if passed else 'FAIL'} {what}")
    if not passed:
        FAILED.append(what)


def _results(body: Any) -> list:
    return body["results"] if isinstance(body, dict) else body


def main() -> int:
    with ExitStack() as stack:
        Smoke(stack).run()
    if FAILED:
        say(f"Smoke test failed: {', '.join(FAILED)}.")
        return 1
    say("Smoke test passed.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
