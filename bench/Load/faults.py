#!/usr/bin/env python3
"""Fault run (issue 12, "Faults"), started by bench/Load/faults.sh: phones post position batches with an Idempotency-Key
while the app is killed with SIGKILL and restarted, and then while PostgreSQL is stopped and started again under the
running app. Every request is remembered with its key; a request without an answer (or with 5xx / 409 "still running")
is sent again with the SAME key and body, as a phone does, until it gets a final answer or the run gives up on it.
Each batch carries a marker (its own "at" instant for that technician), so the database can be counted afterwards:
every success-answered batch present with all its rows, no batch more than once, none half-written.

Environment: URL, APP_CMD (the app's command line, run with sh -c), PSQL (psql command line for the database),
PG_CTL (command that takes stop|start), PHONES (10), BATCH (5), PHASE_SECONDS (24).
"""
import http.client
import json
import os
import random
import shlex
import signal
import subprocess
import sys
import threading
import time
import uuid
from datetime import datetime, timedelta, timezone
from urllib.parse import urlparse

URL = urlparse(os.environ.get("URL", "http://127.0.0.1:5461"))
APP_CMD = os.environ["APP_CMD"]
PSQL = shlex.split(os.environ["PSQL"])
PG_CTL = shlex.split(os.environ["PG_CTL"])
PHONES = int(os.environ.get("PHONES", "10"))
BATCH = int(os.environ.get("BATCH", "5"))
PHASE = float(os.environ.get("PHASE_SECONDS", "24"))
LOG = os.environ.get("APP_LOG", "/tmp/load-faults-app.log")


def log(*parts):
    print(time.strftime("%H:%M:%S"), *parts, flush=True)


def request(method, path, body=None, headers=None, timeout=5.0):
    """(status, headers, body) or (None, None, error) when there was no answer."""
    conn = http.client.HTTPConnection(URL.hostname, URL.port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        r = conn.getresponse()
        return r.status, r.getheaders(), r.read()
    except (OSError, http.client.HTTPException) as e:
        return None, None, repr(e)
    finally:
        conn.close()


def psql(sql):
    # The SQL goes in on stdin: a run's list of keys is longer than a command line may be.
    return subprocess.run(PSQL + ["-AtF", "\t"], input=sql, check=True, capture_output=True, text=True).stdout.strip()


class App:
    def __init__(self):
        self.proc = None

    def start(self):
        out = open(LOG, "ab")
        self.proc = subprocess.Popen(["sh", "-c", "exec " + APP_CMD], stdout=out, stderr=out, start_new_session=True)
        for _ in range(120):
            status, _, _ = request("GET", "/health", timeout=2)
            if status == 200:
                return
            time.sleep(0.5)
        raise SystemExit("the app did not become healthy; see " + LOG)

    def kill9(self):
        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait()

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


class Phone(threading.Thread):
    """One technician's phone: a queue of batches; the head is sent until it has a final answer."""

    def __init__(self, login, staff_id, cookie, base, ledger, stop):
        super().__init__(daemon=True)
        self.login, self.staff_id, self.cookie, self.base = login, staff_id, cookie, base
        self.ledger, self.stop_event = ledger, stop
        self.seq = 0
        self.outbox = []  # batches not yet finally answered, oldest first
        self.producing = True

    def new_batch(self):
        self.seq += 1
        at = self.base + timedelta(milliseconds=self.seq)
        stamp = at.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
        body = json.dumps({"positions": [{"at": stamp, "lat": 24.4 + i / 1000, "lng": 118.0 + self.seq / 100000, "accuracy": 5 + i}
                                         for i in range(BATCH)]})
        entry = {"key": str(uuid.uuid4()), "staff": self.staff_id, "at": stamp, "body": body, "tries": 0, "answer": None, "history": []}
        self.ledger.append(entry)
        self.outbox.append(entry)

    def run(self):
        while not self.stop_event.is_set():
            if not self.outbox:
                if not self.producing:
                    return
                self.new_batch()
            entry = self.outbox[0]
            entry["tries"] += 1
            status, headers, body = request("POST", "/api/positions", entry["body"], {
                "Content-Type": "application/json", "Cookie": self.cookie, "Idempotency-Key": entry["key"]})
            code = status or "no answer"
            if status == 409 and b"RequestInProgress" in body:
                code = "409 in progress"
            entry["history"].append(code)
            if status is not None and 200 <= status < 300:
                entry["answer"] = status
                entry["replayed"] = any(k.lower() == "idempotent-replay" and v == "true" for k, v in headers)
                self.outbox.pop(0)
            elif status is not None and 400 <= status < 500 and status != 409 and status != 429:
                entry["answer"] = status  # refused: final (nothing done), not retried
                self.outbox.pop(0)
            else:
                time.sleep(0.3 + random.random() * 0.4)  # no answer, 5xx, 409 still running: retry the same key later
                continue
            if self.producing and len(self.outbox) == 0:
                time.sleep(random.random() * 0.05)


def log_in(login):
    for _ in range(20):
        status, headers, body = request("POST", "/api/auth/login", json.dumps({"login": login, "password": "Demo@2026"}),
                                        {"Content-Type": "application/json"})
        if status == 204:
            return "; ".join(v.split(";")[0] for k, v in headers if k.lower() == "set-cookie")
        time.sleep(1)
    raise SystemExit(f"log-in of {login} failed: {status} {body[:200]!r}")


def run_phase(name, fault):
    """Phones post for PHASE seconds; the fault happens a third of the way in; then producing stops and the phones
    retry what is unanswered for up to RETRY_SECONDS."""
    stop = threading.Event()
    ledger = []
    base = datetime.now(timezone.utc).replace(microsecond=0) - timedelta(hours=20 if name == "app" else 10)
    phones = [Phone(login, staff, cookie, base, ledger, stop) for login, staff, cookie in PEOPLE]
    for p in phones:
        p.start()
    time.sleep(PHASE / 3)
    fault()
    time.sleep(PHASE * 2 / 3)
    for p in phones:
        p.producing = False
    deadline = time.time() + float(os.environ.get("RETRY_SECONDS", "30"))
    while time.time() < deadline and any(p.is_alive() for p in phones):
        time.sleep(0.5)
    stop.set()
    for p in phones:
        p.join(10)
    return ledger


def count(name, ledger):
    staff_ids = ",".join(str(s) for _, s, _ in PEOPLE)
    ats = {(e["staff"], e["at"]) for e in ledger}
    first = min(e["at"] for e in ledger)
    rows = psql(f"""SELECT "StaffId", to_char("At" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), count(*)
                    FROM "Positions" WHERE "StaffId" IN ({staff_ids}) AND "At" >= '{first}' AND "At" < timestamptz '{first}' + interval '1 hour'
                    GROUP BY 1, 2""")
    stored = {}
    for line in rows.splitlines():
        staff, at, n = line.split("\t")
        stored[(int(staff), at)] = int(n)
    stray = sum(1 for k in stored if k not in ats)
    answered = [e for e in ledger if e["answer"] and 200 <= e["answer"] < 300]
    refused = [e for e in ledger if e["answer"] and e["answer"] >= 400]
    unanswered = [e for e in ledger if not e["answer"]]
    present = sum(1 for e in answered if stored.get((e["staff"], e["at"]), 0) == BATCH)
    lost = sum(1 for e in answered if stored.get((e["staff"], e["at"]), 0) == 0)
    duplicated = sum(1 for e in ledger if stored.get((e["staff"], e["at"]), 0) > BATCH)
    half = sum(1 for e in ledger if 0 < stored.get((e["staff"], e["at"]), 0) < BATCH)
    retried = [e for e in ledger if e["tries"] > 1]
    replayed = sum(1 for e in answered if e.get("replayed"))
    unanswered_stored = sum(1 for e in unanswered if stored.get((e["staff"], e["at"]), 0) == BATCH)
    limbo = psql(f"""SELECT count(*) FROM "IdempotentRequests" WHERE "StatusCode" IS NULL AND "Key" IN ({",".join("'" + e["key"] + "'" for e in ledger)})""")
    result = dict(phase=name, sent=len(ledger), answered=len(answered), present=present, lost=lost, duplicated=duplicated,
                  half_written=half, stray_batches=stray, refused=len(refused), retried=len(retried), replayed=replayed,
                  unanswered=len(unanswered), unanswered_stored=unanswered_stored, keys_still_running=int(limbo))
    log("COUNT", json.dumps(result))
    if retried:
        kinds = {}
        for e in retried:
            runs = []
            for h in e["history"]:
                if runs and runs[-1][0] == h:
                    runs[-1][1] += 1
                else:
                    runs.append([h, 1])
            text = " → ".join(f"{h} ×{n}" if n > 1 else str(h) for h, n in runs)
            kinds[text] = kinds.get(text, 0) + 1
        for k, v in sorted(kinds.items(), key=lambda kv: -kv[1])[:8]:
            log(f"  retried x{v}: {k}")
    for e in refused[:3]:
        log("  refused:", e["answer"], e["history"])
    return result, unanswered


def age_and_retry(name, ledger, unanswered):
    """Keys left "still running" by a dead request are taken over after Idempotency.AbandonedAfter (10 min): age them in
    the database instead of waiting, let the phones send those batches once more, and count again."""
    if not unanswered:
        return None
    psql(f"""UPDATE "IdempotentRequests" SET "CreatedAt" = "CreatedAt" - interval '11 minutes'
             WHERE "StatusCode" IS NULL AND "Key" IN ({",".join("'" + e["key"] + "'" for e in unanswered)})""")
    by_staff = {s: c for _, s, c in PEOPLE}
    for e in unanswered:
        status, headers, body = request("POST", "/api/positions", e["body"], {
            "Content-Type": "application/json", "Cookie": by_staff[e["staff"]], "Idempotency-Key": e["key"]})
        e["history"].append(status or "no answer")
        if status is not None and 200 <= status < 300:
            e["answer"] = status
    log(f"after ageing {len(unanswered)} abandoned key(s) 11 minutes and sending their batches again:")
    return count(name + " +10 min", ledger)[0]


def main():
    global PEOPLE
    app = App()
    app.start()
    logins = [f"tech{n:02d}" for n in range(1, PHONES + 1)]
    ids = dict(line.split("\t") for line in psql(
        """SELECT "UserName", "StaffId" FROM "AspNetUsers" WHERE "UserName" IN (%s)""" % ",".join(f"'{l}'" for l in logins)).splitlines())
    PEOPLE = [(l, int(ids[l]), log_in(l)) for l in logins]
    log(f"{len(PEOPLE)} phones logged in; batches of {BATCH}; {PHASE:.0f} s a phase")
    results = []
    try:
        # 1. kill -9 of the app a third of the way in, restarted at once (a supervisor would).
        def kill_app():
            log("kill -9 the app")
            app.kill9()
            started = time.time()
            app.start()
            log(f"app restarted and healthy after {time.time() - started:.1f} s")
        ledger = run_phase("app", kill_app)
        result, unanswered = count("kill -9 app", ledger)
        results.append(result)
        aged = age_and_retry("kill -9 app", ledger, unanswered)
        if aged:
            results.append(aged)

        # 2. PostgreSQL stopped under the running app for ~6 s, then started; the app is not touched.
        def restart_pg():
            log("stopping PostgreSQL (fast shutdown: open connections are cut)")
            subprocess.run(PG_CTL + ["stop"], check=True, env={**os.environ, "MODE": "fast"})
            health = []
            down_until = time.time() + 6
            while time.time() < down_until:
                status, _, _ = request("GET", "/health", timeout=3)
                health.append(status)
                time.sleep(0.5)
            log(f"/health while PostgreSQL was down: {sorted(set(str(h) for h in health))} ({len(health)} probes)")
            subprocess.run(PG_CTL + ["start"], check=True)
            started = time.time()
            while True:
                status, _, _ = request("GET", "/health", timeout=3)
                if status == 200:
                    break
                if time.time() - started > 60:
                    raise SystemExit("the app did not recover by itself within 60 s")
                time.sleep(0.5)
            log(f"PostgreSQL started; /health 200 again after {time.time() - started:.1f} s, app pid unchanged: {app.proc.poll() is None}")
            results_health.append(sorted(set(str(h) for h in health)))
        results_health = []
        ledger = run_phase("pg", restart_pg)
        result, unanswered = count("PostgreSQL restart", ledger)
        result["health_while_down"] = results_health[0] if results_health else None
        results.append(result)
        aged = age_and_retry("PostgreSQL restart", ledger, unanswered)
        if aged:
            results.append(aged)
    finally:
        app.stop()
    print()
    print("| fault | batches sent | answered 2xx | present | lost | duplicated | half-written | retried | answered by replay | unanswered | keys left \"running\" |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        print(f"| {r['phase']} | {r['sent']} | {r['answered']} | {r['present']} | {r['lost']} | {r['duplicated']} | {r['half_written']} | "
              f"{r['retried']} | {r['replayed']} | {r['unanswered']} ({r['unanswered_stored']} stored) | {r['keys_still_running']} |")
    bad = any(r["lost"] or r["duplicated"] or r["half_written"] or r["stray_batches"] for r in results)
    sys.exit(1 if bad else 0)


PEOPLE = []
if __name__ == "__main__":
    main()
