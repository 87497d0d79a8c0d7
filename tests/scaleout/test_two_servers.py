"""The app scales out: two app servers and two django-q2 clusters on one PostgreSQL
database and one Redis, with the same work arriving at both at once.

The test creates its own database (a copy of a template that ``manage.py migrate``
built, then ``migrate`` again; see Database), and its own Redis database, seeds
them, starts two gunicorn servers and two ``qcluster`` processes with
tests/scaleout/settings.py, then:

- delivers the same signed Stripe webhook to both servers at once, several times:
  the event is stored once and processed once (one welcome email); the
  handlers read the subscription from a local fake of Stripe's API
  (``FakeStripe``, through STRIPE_API_BASE);
- a member says "me too" to a question on both servers at once, several times:
  one vote, counted once;
- both clusters run the reminder schedule (due at their first scheduler pass: one
  task between them) and extra ``send_reminders`` tasks enqueued from two
  processes at once: each reminder is recorded once and its email (written to
  files by the email task) sent once.

PostgreSQL and Redis only: skipped on SQLite, and without Redis (failed in CI).
Run it alone with:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test \
        .venv/bin/python -m pytest tests/scaleout -q -p no:cacheprovider -s
"""

import contextlib
import email
import email.policy
import hashlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from collections import Counter
from http.cookiejar import CookieJar
from pathlib import Path

import psycopg
import pytest
import redis
from django.conf import settings
from django.db import connection

from tests.memberships import stripe_fakes

BASE_DIR = Path(settings.BASE_DIR)
SETTINGS_MODULE = "tests.scaleout.settings"
TEMPLATE_PREFIX = "scaleout_template_"
REDIS_DB = 7
ROUNDS = 3  # concurrent rounds of the same request against both servers
PER_SERVER = 2  # requests to each server in one round
DIRECT_REMINDER_TASKS = 2  # send_reminders tasks enqueued by each of two processes
STRIPE_EVENT_TYPE = "customer.subscription.updated"
WELCOME_SUBJECT = "Welcome to Coaching Community"
REMINDER_SUBJECTS = {
    "questions_closing": "Questions for “{title}” close in 24 hours",
    "day_before": "{title} is tomorrow",
    "hour_before": "{title} starts in an hour",
    "recording": "The recording of {title} is posted",
}
# django-q2 groups a schedule's tasks under its name; child.py names the direct ones.
SCHEDULED_GROUP = "sessions: reminders"
DIRECT_GROUP = "scaleout reminders"
TASKS_IN_GROUP = 'SELECT count(*) FROM django_q_task WHERE "group" = %s'
# A cluster logs this as its guard loop starts; the loop's first scheduler pass
# comes SCHEDULER_PASS seconds later (django_q.cluster.Sentinel.guard).
CLUSTER_RUNNING = "] running."
SCHEDULER_PASS = 30
PROCESSING_LINE = re.compile(r" processing .* '(?P<func>[\w.]+)'")


# --- environment: skip or fail ----------------------------------------------------


def _redis_url() -> str:
    """REDIS_URL's server (or the local default) with the test's own DB number."""
    configured = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
    parts = urllib.parse.urlsplit(configured)
    return urllib.parse.urlunsplit(parts._replace(path=f"/{REDIS_DB}", query=""))


def _require_services() -> str:
    if connection.vendor != "postgresql":
        pytest.skip(
            "the scale-out test needs PostgreSQL (set DATABASE_URL=postgres://...); "
            f"the configured database is {connection.vendor}"
        )
    url = _redis_url()
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        message = f"the scale-out test needs Redis at {url}: {exc}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return url


# --- the run's database -----------------------------------------------------------


class Database:
    """The run's own PostgreSQL database on the configured server.

    Migrating from nothing takes most of a minute, so the first run migrates a
    template database (named by a hash of every migration file and the pinned
    requirements) and each run copies it, then runs ``migrate`` on the copy, which
    applies whatever the template lacks and runs the post-migrate setup again.
    Templates of older hashes are dropped when a new one is built.
    """

    LOCK = 0x5CA1E007  # advisory lock: one run at a time builds or copies

    def __init__(self):
        conf = connection.settings_dict
        self.name = f"scaleout_{os.getpid()}"
        self.template = f"{TEMPLATE_PREFIX}{_migrations_hash()[:16]}"
        self.params = {
            "host": conf.get("HOST") or "127.0.0.1",
            "port": str(conf.get("PORT") or 5432),
            "user": conf.get("USER") or "postgres",
            "password": conf.get("PASSWORD") or "",
        }
        self.maintenance = ["postgres", conf["NAME"]]
        self.built_template = False
        self._conn = None

    def url(self, name=None) -> str:
        p = self.params
        auth = urllib.parse.quote(p["user"], safe="")
        if p["password"]:
            auth += ":" + urllib.parse.quote(p["password"], safe="")
        return f"postgres://{auth}@{p['host']}:{p['port']}/{name or self.name}"

    def _admin(self):
        error = None
        for dbname in filter(None, self.maintenance):
            try:
                return psycopg.connect(dbname=dbname, autocommit=True, **self.params)
            except psycopg.OperationalError as exc:
                error = exc
        raise error

    def create(self, migrate) -> None:
        """Copy (first build) the template; ``migrate(url)`` migrates a database."""
        with self._admin() as admin:
            admin.execute("SELECT pg_advisory_lock(%s)", (self.LOCK,))
            try:
                admin.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
                exists = admin.execute(
                    "SELECT 1 FROM pg_database WHERE datname = %s", (self.template,)
                ).fetchone()
                if not exists:
                    self._build_template(admin, migrate)
                admin.execute(
                    f'CREATE DATABASE "{self.name}" TEMPLATE "{self.template}"'
                )
            finally:
                admin.execute("SELECT pg_advisory_unlock(%s)", (self.LOCK,))

    def _build_template(self, admin, migrate) -> None:
        for (old,) in admin.execute(
            "SELECT datname FROM pg_database WHERE datname LIKE %s",
            (TEMPLATE_PREFIX.replace("_", r"\_") + "%",),
        ).fetchall():
            admin.execute(f'ALTER DATABASE "{old}" IS_TEMPLATE false')
            admin.execute(f'DROP DATABASE "{old}" WITH (FORCE)')
        building = f"{self.template}_building"
        admin.execute(f'CREATE DATABASE "{building}"')
        try:
            migrate(self.url(building))
        except BaseException:
            admin.execute(f'DROP DATABASE IF EXISTS "{building}" WITH (FORCE)')
            raise
        admin.execute(f'ALTER DATABASE "{building}" RENAME TO "{self.template}"')
        admin.execute(
            f'ALTER DATABASE "{self.template}" IS_TEMPLATE true ALLOW_CONNECTIONS false'
        )
        self.built_template = True

    def drop(self) -> None:
        if self._conn is not None:
            self._conn.close()
        with self._admin() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')

    def rows(self, sql: str, *args) -> list[tuple]:
        if self._conn is None:
            self._conn = psycopg.connect(
                dbname=self.name, autocommit=True, **self.params
            )
        return self._conn.execute(sql, args).fetchall()

    def value(self, sql: str, *args):
        return self.rows(sql, *args)[0][0]


def _migrations_hash() -> str:
    """Every migration file of every installed app, and the pinned requirements."""
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(None, ignore_no_migrations=True)
    files = {
        Path(sys.modules[migration.__module__].__file__)
        for migration in loader.disk_migrations.values()
    }
    files |= {BASE_DIR / "requirements.txt", BASE_DIR / "constraints.txt"}
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(str(path).encode() + b"\0")
        if path.exists():
            digest.update(path.read_bytes())
    return digest.hexdigest()


# --- child processes --------------------------------------------------------------


class Children:
    """The servers and clusters: own process groups, output in files."""

    def __init__(self, env: dict, log_dir: Path):
        self.env, self.log_dir = env, log_dir
        self.procs: dict[str, subprocess.Popen] = {}

    def start(self, name: str, args: list[str]) -> None:
        with open(self.log_dir / f"{name}.log", "wb") as log:
            self.procs[name] = subprocess.Popen(  # noqa: S603 (our interpreter, our args)
                args,
                cwd=BASE_DIR,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def check_alive(self) -> None:
        dead = {n: p.returncode for n, p in self.procs.items() if p.poll() is not None}
        assert not dead, f"child processes exited early: {dead}"

    def log(self, name: str) -> str:
        path = self.log_dir / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def tails(self, lines: int = 25) -> str:
        parts = []
        for name in self.procs:
            tail = "\n".join(self.log(name).splitlines()[-lines:])
            parts.append(f"--- {name} (last {lines} lines) ---\n{tail}")
        return "\n".join(parts)

    def stop(self) -> None:
        """Ask each leader to stop (gunicorn: quick shutdown; qcluster: its own
        stop), then kill whatever is left of each process group."""
        for name, proc in self.procs.items():
            if proc.poll() is None:
                stop = signal.SIGINT if name.startswith("app") else signal.SIGTERM
                with contextlib.suppress(ProcessLookupError):
                    proc.send_signal(stop)
        deadline = time.monotonic() + 10
        for proc in self.procs.values():
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            _signal_group(proc, signal.SIGKILL)
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=5)


def _signal_group(proc: subprocess.Popen, sig: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, sig)  # start_new_session: the group id is the pid


def _run(args: list[str], env: dict, timeout: float) -> str:
    done = subprocess.run(  # noqa: S603 (our own interpreter and arguments)
        args, cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=timeout
    )
    assert done.returncode == 0, (
        f"{' '.join(args[1:])} failed ({done.returncode}):\n"
        f"{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    )
    return done.stdout


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- HTTP -------------------------------------------------------------------------


class _NoRaise(urllib.request.HTTPErrorProcessor):
    """Return every response as it is: no exceptions, no redirects followed."""

    def http_response(self, request, response):
        return response

    https_response = http_response


def _opener(jar: CookieJar | None = None):
    handlers = [_NoRaise()]
    if jar is not None:
        handlers.append(urllib.request.HTTPCookieProcessor(jar))
    return urllib.request.build_opener(*handlers)


def _request(opener, url, *, data=None, headers=None, timeout=20):
    """(status, headers, body) of one request."""
    body = data
    if isinstance(data, dict):
        body = urllib.parse.urlencode(data).encode()
    request = urllib.request.Request(  # noqa: S310 (http://127.0.0.1 only)
        url, data=body, headers=headers or {}, method="POST" if data else "GET"
    )
    with opener.open(request, timeout=timeout) as response:
        return response.status, response.headers, response.read()


def _wait_for_http(children: Children, servers: dict[str, str], timeout=60) -> None:
    deadline = time.monotonic() + timeout
    waiting = dict(servers)
    opener = _opener()
    while waiting:
        children.check_alive()
        for name, base in list(waiting.items()):
            try:
                status, _, _ = _request(opener, f"{base}/accounts/login/", timeout=2)
            except OSError:
                continue
            if status == 200:
                del waiting[name]
        assert time.monotonic() < deadline, f"no HTTP answer from {sorted(waiting)}"
        time.sleep(0.2)


def _at_once(calls: list) -> list:
    """Run the calls in threads released together; their results in order."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(i, call):
        barrier.wait()
        try:
            results[i] = call()
        except Exception as exc:  # reported in the assertion
            results[i] = exc

    threads = [
        threading.Thread(target=run, args=(i, c), daemon=True)
        for i, c in enumerate(calls)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def _cookie(jar: CookieJar, name: str) -> str:
    return next((c.value for c in jar if c.name == name), "")


def _sign_in(base: str, email_address: str, password: str):
    """Sign in through the real allauth form; the session lives in the database."""
    jar = CookieJar()
    opener = _opener(jar)
    status, _, _ = _request(opener, f"{base}/accounts/login/")
    assert status == 200, f"login page: {status}"
    status, headers, body = _request(
        opener,
        f"{base}/accounts/login/",
        data={
            "login": email_address,
            "password": password,
            "csrfmiddlewaretoken": _cookie(jar, "csrftoken"),
        },
        headers={"Referer": f"{base}/accounts/login/"},
    )
    assert status == 302 and _cookie(jar, "sessionid"), (
        f"sign-in failed: {status} {headers.get('Location')} {body[:500]!r}"
    )
    return jar, opener


# --- emails written by the task workers -------------------------------------------


def _emails(mail_dir: Path) -> list[tuple[str, str]]:
    """(recipient, subject) of every message the filebased backend wrote."""
    separator = b"\n" + b"-" * 79 + b"\n"
    found = []
    for path in sorted(mail_dir.glob("*.log")):
        for raw in path.read_bytes().split(separator):
            if raw.strip():
                msg = email.message_from_bytes(raw, policy=email.policy.default)
                subject = " ".join(str(msg["Subject"]).split())  # unfolded
                found.append((str(msg["To"]), subject))
    return found


# --- the test ---------------------------------------------------------------------


class FakeStripe:
    """Stripe's API for the children, on a local port: subscription handlers read
    the subscription from Stripe (the event is only their trigger), and the
    children reach it through STRIPE_API_BASE. Answers what ``subscriptions``
    holds, 404 for anything else."""

    def __init__(self) -> None:
        import http.server

        self.subscriptions: dict[str, dict] = {}
        fake = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - http.server's name
                path = urllib.parse.urlsplit(self.path).path
                found = fake.subscriptions.get(path.removeprefix("/v1/subscriptions/"))
                body = json.dumps(
                    found or {"error": {"type": "invalid_request_error"}}
                ).encode()
                self.send_response(200 if found else 404)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def stop(self) -> None:
        self.server.shutdown()


def test_two_app_servers_and_two_clusters_do_everything_once(tmp_path):
    redis_url = _require_services()
    started = time.monotonic()
    redis.Redis.from_url(redis_url).flushdb()
    for folder in ("mail", "media", "static"):
        (tmp_path / folder).mkdir()
    db = Database()
    fake_stripe = FakeStripe()
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
        "DJANGO_SETTINGS_MODULE": SETTINGS_MODULE,
        "DATABASE_URL": db.url(),
        "REDIS_URL": redis_url,
        "SCALEOUT_EMAIL_DIR": str(tmp_path / "mail"),
        "SCALEOUT_MEDIA_ROOT": str(tmp_path / "media"),
        "SCALEOUT_STATIC_ROOT": str(tmp_path / "static"),
        "PYTHONPATH": str(BASE_DIR),
        "PYTHONUNBUFFERED": "1",
        "LOG_LEVEL": "INFO",
        "STRIPE_API_BASE": fake_stripe.url,
    }
    children = Children(env, tmp_path)
    try:
        try:
            _scenario(db, children, env, tmp_path / "mail", started, fake_stripe)
        except AssertionError as exc:  # with what the children said
            raise AssertionError(f"{exc}\n\n{children.tails()}") from None
        except Exception as exc:
            name = type(exc).__name__
            raise AssertionError(f"{name}: {exc}\n\n{children.tails()}") from exc
    finally:
        children.stop()
        fake_stripe.stop()
        db.drop()
        redis.Redis.from_url(redis_url).flushdb()


def _scenario(db, children, env, mail_dir, started, fake_stripe):
    python = sys.executable
    migrate = [python, "manage.py", "migrate", "--no-input", "-v0"]
    db.create(migrate=lambda url: _run(migrate, {**env, "DATABASE_URL": url}, 600))
    timings = {"database": time.monotonic() - started}

    # The app servers boot while the database is made ready.
    servers = {}
    for name in ("app1", "app2"):
        port = _free_port()
        servers[name] = f"http://127.0.0.1:{port}"
        children.start(
            name,
            [
                *[python, "-m", "gunicorn", "community.wsgi:application"],
                *["--bind", f"127.0.0.1:{port}", "--workers", "2", "--preload"],
                *["--timeout", "30", "--graceful-timeout", "2"],
                *["--access-logfile", "-", "--no-control-socket"],
            ],
        )
    if not db.built_template:  # a copy: apply what the template may lack
        _run(migrate, env, timeout=300)
    timings["migrate"] = time.monotonic() - started
    seed = json.loads(
        _run([python, "-m", "tests.scaleout.child", "seed"], env, timeout=60)
    )
    timings["seed"] = time.monotonic() - started

    # The clusters' first scheduler pass comes 30 s after they start; the
    # reminder schedule is due by then.
    for name in ("cluster1", "cluster2"):
        children.start(name, [python, "manage.py", "qcluster"])
    # Meanwhile, two processes enqueue send_reminders tasks at the same time.
    enqueuers = [
        subprocess.Popen(  # noqa: S603 (our own interpreter and arguments)
            [
                *[python, "-m", "tests.scaleout.child", "enqueue-reminders"],
                str(DIRECT_REMINDER_TASKS),
            ],
            cwd=BASE_DIR,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    _wait_for_http(children, servers)
    timings["servers up"] = time.monotonic() - started
    sent, sent_lock = Counter(), threading.Lock()

    # 1. The same Stripe event, delivered to both servers at once, several times.
    customer = seed["customer"]
    subscription = stripe_fakes.subscription(
        customer=customer["stripe_customer_id"], status="active"
    )
    fake_stripe.subscriptions[subscription["id"]] = subscription
    event = stripe_fakes.event(STRIPE_EVENT_TYPE, subscription)
    body = json.dumps(event)
    signature = stripe_fakes.signed_headers(body)["HTTP_STRIPE_SIGNATURE"]
    webhook_headers = {
        "Content-Type": "application/json",
        "Stripe-Signature": signature,  # over HTTP; HTTP_STRIPE_SIGNATURE in Django
    }
    plain = _opener()

    def deliver(base):
        with sent_lock:
            sent[base, "webhook"] += 1
        return _request(
            plain,
            f"{base}/memberships/stripe/webhook/",
            data=body.encode(),
            headers=webhook_headers,
        )

    webhook_answers = []
    for _ in range(ROUNDS):
        webhook_answers += _at_once(
            [lambda b=base: deliver(b) for base in servers.values()] * PER_SERVER
        )
    bad = [a for a in webhook_answers if not isinstance(a, tuple) or a[0] != 200]
    assert not bad, f"webhook deliveries that failed: {bad}"
    new = [a for a in webhook_answers if not json.loads(a[2])["duplicate"]]
    assert len(new) == 1, f"{len(new)} deliveries stored the event as new, not 1"

    # 2. "Me too" on both servers at once, several times, by one member.
    first = next(iter(servers.values()))
    jar, voter = _sign_in(first, seed["voter"]["email"], seed["password"])
    for base in servers.values():  # the one sign-in works on both servers
        status, headers, _ = _request(voter, f"{base}/sessions/")
        assert status == 200, f"{base}/sessions/ as the voter: {status} {headers}"
    question = seed["question_id"]

    def vote(base):
        with sent_lock:
            sent[base, "vote"] += 1
        token = _cookie(jar, "csrftoken")
        return _request(
            voter,
            f"{base}/sessions/questions/{question}/vote/",
            data={"csrfmiddlewaretoken": token},
            headers={"X-CSRFToken": token, "Referer": f"{base}/sessions/"},
        )

    vote_answers = []
    for _ in range(ROUNDS):
        vote_answers += _at_once(
            [lambda b=base: vote(b) for base in servers.values()] * PER_SERVER
        )
    bad = [
        a
        for a in vote_answers
        if not isinstance(a, tuple)
        or a[0] != 302
        or not a[1].get("Location", "").startswith("/sessions/")
    ]
    assert not bad, f"votes that were not taken: {bad}"
    timings["requests done"] = time.monotonic() - started

    for proc in enqueuers:
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, f"enqueue-reminders failed: {out}\n{err}"

    # 3. Wait for the clusters: the event processed, the scheduled reminder run
    # (at the clusters' first scheduler pass) and the direct ones done, every email
    # written, then nothing more for a while.
    expected_reminders = {
        (kind, session_id, user["id"])
        for kind, session_id in seed["due"].items()
        for user in (seed["author"], seed["voter"])
    }
    expected_emails = Counter({(customer["email"], WELCOME_SUBJECT): 1})
    for kind, title in seed["titles"].items():
        subject = REMINDER_SUBJECTS[kind].format(title=title)
        for user in (seed["author"], seed["voter"]):
            expected_emails[user["email"], subject] += 1
    direct_tasks = 2 * DIRECT_REMINDER_TASKS
    redis_client = redis.Redis.from_url(env["REDIS_URL"])

    def snapshot():
        return (
            db.value(
                "SELECT outcome FROM memberships_stripeevent WHERE event_id = %s",
                event["id"],
            ),
            db.value(TASKS_IN_GROUP, SCHEDULED_GROUP),
            db.value(TASKS_IN_GROUP, DIRECT_GROUP),
            db.value("SELECT count(*) FROM django_q_task"),
            len(_emails(mail_dir)),
            redis_client.llen("django_q:community:q"),
        )

    deadline = time.monotonic() + 75
    quiet_since, last = None, None
    clusters_running = {}  # name -> when its guard loop was seen starting
    while True:
        children.check_alive()
        for name in ("cluster1", "cluster2"):
            if name not in clusters_running and CLUSTER_RUNNING in children.log(name):
                clusters_running[name] = time.monotonic()
        state = snapshot()
        outcome, scheduled, direct, _, emails_written, queued = state
        done = (
            len(clusters_running) == 2
            and all(  # both clusters' first scheduler pass is behind them
                time.monotonic() - seen >= SCHEDULER_PASS + 2
                for seen in clusters_running.values()
            )
            and outcome in ("processed", "skipped", "failed")
            and scheduled >= 1
            and direct >= direct_tasks
            and emails_written >= sum(expected_emails.values())
            and queued == 0
        )
        if done and state == last:
            if time.monotonic() - quiet_since >= 3:
                break
        else:
            quiet_since, last = time.monotonic(), state
        assert time.monotonic() < deadline, (
            "the clusters did not finish in time: (event outcome, scheduled "
            "reminder tasks, direct reminder tasks, all tasks, emails, queued) = "
            f"{state}; clusters running: {sorted(clusters_running)}"
        )
        time.sleep(0.5)
    timings["clusters done"] = time.monotonic() - started

    # --- what happened, once each ---
    failed = db.rows(
        "SELECT name, func, left(result::text, 300) FROM django_q_task "
        "WHERE NOT success"
    )
    assert not failed, f"tasks failed: {failed}"

    events = db.rows(
        "SELECT outcome, attempts, processed_at IS NOT NULL, error "
        "FROM memberships_stripeevent WHERE event_id = %s",
        event["id"],
    )
    assert len(events) == 1, f"StripeEvent rows for {event['id']}: {events}"
    assert events[0][:3] == ("processed", 1, True), (
        f"the event (outcome, attempts, processed) is {events[0]}, not processed once"
    )
    membership = db.rows(
        "SELECT status, stripe_subscription_id, started_at IS NOT NULL "
        "FROM memberships_membership WHERE user_id = %s",
        customer["id"],
    )
    assert membership == [("active", subscription["id"], True)], membership
    stripe_tasks = db.value(
        "SELECT count(*) FROM django_q_task WHERE func = %s",
        "memberships.tasks.process_stripe_event",
    )

    votes = db.rows(
        "SELECT user_id FROM coaching_sessions_vote WHERE question_id = %s", question
    )
    assert votes == [(seed["voter"]["id"],)], f"votes stored: {votes}"
    vote_count = db.value(
        "SELECT vote_count FROM coaching_sessions_question WHERE id = %s", question
    )
    assert vote_count == 1, f"the question counts {vote_count} votes, not 1"

    reminders = db.rows(
        "SELECT kind, session_id, user_id FROM coaching_sessions_sentreminder"
    )
    assert Counter(reminders) == Counter(expected_reminders), (
        f"reminders recorded: {sorted(reminders)}; "
        f"expected once each: {sorted(expected_reminders)}"
    )
    scheduled_runs = db.value(TASKS_IN_GROUP, SCHEDULED_GROUP)
    assert scheduled_runs == 1, (
        f"the reminder schedule made {scheduled_runs} tasks in one pass of two "
        "clusters, not 1"
    )

    emails = Counter(_emails(mail_dir))
    assert emails == expected_emails, (
        f"emails sent (recipient, subject) -> times: {dict(emails)}; "
        f"expected once each: {dict(expected_emails)}"
    )

    per_cluster = {
        name: Counter(m["func"] for m in PROCESSING_LINE.finditer(children.log(name)))
        for name in ("cluster1", "cluster2")
    }
    idle = [name for name, tasks in per_cluster.items() if not tasks]
    assert not idle, f"clusters that processed no task: {idle} ({per_cluster})"
    requests_per_server = {
        name: sent[base, "webhook"] + sent[base, "vote"]
        for name, base in servers.items()
    }
    print(  # noqa: T201
        f"scaleout: requests per server {requests_per_server} "
        f"(webhook {ROUNDS}x{PER_SERVER}, vote {ROUNDS}x{PER_SERVER} each); "
        f"StripeEvent rows {len(events)}, attempts {events[0][1]}, "
        f"process tasks {stripe_tasks}; votes {len(votes)}, vote_count {vote_count}; "
        f"reminders {len(reminders)} (expected {len(expected_reminders)}), "
        f"scheduled runs {scheduled_runs}, direct runs {direct_tasks}; "
        f"emails {sum(emails.values())}; tasks per cluster "
        f"{ {n: sum(c.values()) for n, c in per_cluster.items()} }; "
        + f"template built {db.built_template}; "
        + ", ".join(f"{k} {v:.1f}s" for k, v in timings.items())
    )
