"""Mixed load for bench/soak.sh: a steady, open-loop mix of registrations, uploads, searches and
reads against a running `kirjuri serve --demo`, with a disposal and an archive export in the
middle. Samples the server's resident memory, keeps per-minute latency percentiles per operation
and counts every unexpected answer. Standard library only.

    soak_driver.py BASE ADMIN_TOKEN SERVER_PID SECONDS RATE OUT_FOLDER

Writes OUT_FOLDER/minutes.csv (one row per minute), OUT_FOLDER/rss.csv (one row per sample),
OUT_FOLDER/errors.log, and prints a summary. Exit status 1 when any request failed.
"""

import csv
import http.client
import json
import os
import random
import sys
import threading
import time
import urllib.parse

BASE, ADMIN_TOKEN, SERVER_PID, SECONDS, RATE, OUT = sys.argv[1:7]
SECONDS = float(SECONDS)
RATE = float(RATE)
HOST, PORT = urllib.parse.urlsplit(BASE).hostname, urllib.parse.urlsplit(BASE).port
WORKERS = 12
WORDS = [
    "sopimus", "hankinta", "päätös", "kokous", "talousarvio", "lasku", "pyyntö", "koulu",
    "kaavoitus", "rakennuslupa", "tietopyyntö", "valtuusto", "hallitus", "ruokapalvelu",
    "vuokrasopimus", "avustus", "henkilöstö", "ympäristö", "liikenne", "kirjasto",
]
PHRASES = ['"kunnan hallitus"', '"hankinta päätös"', "sopimus AND hankinta", "koulu kuljetus"]
TEXT = (
    "Laitilan kaupungin hallitus käsitteli kokouksessaan hankintasopimusta ja talousarviota. "
    "Päätös koskee ruokapalveluiden kilpailutusta, koulukuljetuksia ja kirjaston aukioloa. "
)

PASSWORDS = {name: f"demo-{name}-2026" for name in ["kirjaaja", "arkistonhoitaja", "arkistosihteeri"]}


def connection():
    return http.client.HTTPConnection(HOST, PORT, timeout=120)


def call(conn, method, path, token, body=None, content_type="application/json"):
    headers = {"authorization": "Bearer " + token}
    if body is not None:
        headers["content-type"] = content_type
        if content_type == "application/json":
            body = json.dumps(body).encode()
    conn.request(method, "/api/v1" + path, body=body, headers=headers)
    response = conn.getresponse()
    data = response.read()
    return response.status, data


def token_for(name):
    conn = connection()
    conn.request(
        "POST", "/api/v1/tokens",
        body=json.dumps({"name": name, "password": PASSWORDS[name]}).encode(),
        headers={"content-type": "application/json"},
    )
    response = conn.getresponse()
    body = response.read()
    if response.status != 200 and response.status != 201:
        sys.exit(f"cannot sign in as {name}: {response.status} {body[:200]!r}")
    return json.loads(body)["token"]


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.samples = {}  # (minute, op) -> [ms]
        self.errors = 0
        self.error_log = open(os.path.join(OUT, "errors.log"), "w", encoding="utf-8")

    def record(self, minute, op, ms):
        with self.lock:
            self.samples.setdefault((minute, op), []).append(ms)

    def error(self, op, detail):
        with self.lock:
            self.errors += 1
            self.error_log.write(f"{time.strftime('%H:%M:%S')} {op}: {detail}\n")
            self.error_log.flush()


def percentile(values, share):
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


class Load:
    def __init__(self, registrar):
        self.registrar = registrar
        self.lock = threading.Lock()
        self.cases = []
        self.documents = []
        self.uploads = 0

    def known(self, what):
        with self.lock:
            items = self.cases if what == "case" else self.documents
            return random.choice(items) if items else None

    def add(self, what, ident):
        with self.lock:
            (self.cases if what == "case" else self.documents).append(ident)


def operation(load, conn, op):
    """Runs one operation; returns (expected, status, detail)."""
    token = load.registrar
    if op == "search":
        query = random.choice(WORDS) if random.random() < 0.8 else random.choice(PHRASES)
        status, data = call(conn, "GET", "/search?" + urllib.parse.urlencode({"q": query, "limit": 20}), token)
        return status == 200, status, data
    if op == "read-document":
        doc = load.known("document")
        if doc is None:
            return True, 200, b""
        path = f"/documents/{doc}" + ("/content" if random.random() < 0.5 else "")
        status, data = call(conn, "GET", path, token)
        return status == 200, status, data
    if op == "read-case":
        case = load.known("case")
        if case is None:
            return True, 200, b""
        status, data = call(conn, "GET", f"/cases/{case}", token)
        return status == 200, status, data
    if op == "list-requests":
        status, data = call(conn, "GET", "/requests", token)
        return status == 200, status, data
    if op == "register-request":
        body = {"kind": "publicity", "received": time.strftime("%Y-%m-%d"), "requester": "Kestotesti",
                "channel": "email"}
        status, data = call(conn, "POST", "/requests", token, body)
        return status == 201, status, data
    if op == "open-case":
        body = {"class": "02 06 04", "title": f"Kestotesti {random.randint(1, 10**9)}"}
        status, data = call(conn, "POST", "/cases", token, body)
        if status == 201:
            load.add("case", json.loads(data)["id"])
        return status == 201, status, data
    if op == "upload":
        case = load.known("case")
        if case is None:
            return operation(load, conn, "open-case")
        words = " ".join(random.choice(WORDS) for _ in range(40))
        text = (TEXT * random.randint(5, 60) + words).encode()
        query = urllib.parse.urlencode({
            "title": f"Ostolasku {random.randint(1, 10**6)}", "record_type": "ostolasku",
            "file_name": "lasku.txt",
        })
        status, data = call(conn, "POST", f"/cases/{case}/documents?{query}", token, text, "text/plain")
        if status == 201:
            load.add("document", json.loads(data)["id"])
        return status == 201, status, data
    raise ValueError(op)


MIX = [("search", 30), ("read-document", 25), ("read-case", 10), ("list-requests", 5),
       ("register-request", 10), ("open-case", 4), ("upload", 16)]
OPS = [op for op, weight in MIX for _ in range(weight)]


def worker(load, stats, start, stop_at, interval, offset):
    conn = connection()
    due = start + offset
    while True:
        now = time.monotonic()
        if now >= stop_at:
            return
        if due > now:
            time.sleep(due - now)
        due += interval
        op = random.choice(OPS)
        begun = time.monotonic()
        try:
            expected, status, data = operation(load, conn, op)
        except Exception as error:  # a broken connection is a failure too; reconnect
            expected, status, data = False, 0, repr(error).encode()
            conn.close()
            conn = connection()
        elapsed_ms = (time.monotonic() - begun) * 1000
        minute = int((begun - start) // 60)
        stats.record(minute, op, elapsed_ms)
        if not expected:
            stats.error(op, f"{status} {data[:300]!r}")


def rss_sampler(stats, start, stop_at, rows):
    while time.monotonic() < stop_at:
        try:
            with open(f"/proc/{SERVER_PID}/status", encoding="ascii") as f:
                fields = dict(line.split(":", 1) for line in f if ":" in line)
            rss = int(fields["VmRSS"].split()[0]) / 1024
            hwm = int(fields["VmHWM"].split()[0]) / 1024
        except (OSError, KeyError, ValueError):
            stats.error("rss", f"the server (pid {SERVER_PID}) is gone")
            return
        rows.append((round(time.monotonic() - start), round(rss, 1), round(hwm, 1)))
        time.sleep(10)


def middle_events(load, stats, start, at):
    """At `at` seconds: a disposal (proposed by one archivist, approved by another, executed)
    and an archive export of ten of the soak's cases, each timed."""
    time.sleep(max(0.0, start + at - time.monotonic()))
    conn = connection()
    proposer, approver = token_for("arkistonhoitaja"), token_for("arkistosihteeri")
    begun = time.monotonic()
    status, data = call(conn, "POST", "/disposal/proposals", proposer, {})
    events = []
    if status in (200, 201):
        proposal = json.loads(data)
        ident = proposal["id"]
        status, data = call(conn, "POST", f"/disposal/proposals/{ident}/approve", approver, {})
        if status not in (200, 201):
            stats.error("disposal", f"approve {status} {data[:300]!r}")
        status, data = call(conn, "POST", f"/disposal/proposals/{ident}/execute", proposer, {})
        if status not in (200, 201):
            stats.error("disposal", f"execute {status} {data[:300]!r}")
        events.append(f"disposal {ident}: proposed, approved, executed in {time.monotonic() - begun:.2f} s "
                      f"(execute answered {status})")
    else:
        stats.error("disposal", f"propose {status} {data[:300]!r}")
    with load.lock:
        cases = load.cases[:10]
    begun = time.monotonic()
    status, data = call(conn, "POST", "/archive/exports", proposer, {"cases": cases})
    if status == 200:
        events.append(f"archive export of {len(cases)} cases: {len(data)} bytes in {time.monotonic() - begun:.2f} s")
    else:
        stats.error("export", f"{status} {data[:300]!r}")
    with open(os.path.join(OUT, "events.log"), "w", encoding="utf-8") as f:
        f.write("\n".join(events) + "\n")
    for line in events:
        print(f"[{time.strftime('%H:%M:%S')}] {line}", flush=True)


def main():
    registrar = token_for("kirjaaja")
    load = Load(registrar)
    stats = Stats()
    start = time.monotonic()
    stop_at = start + SECONDS
    interval = WORKERS / RATE
    rss_rows = []
    threads = [threading.Thread(target=worker, args=(load, stats, start, stop_at, interval, n * interval / WORKERS))
               for n in range(WORKERS)]
    threads.append(threading.Thread(target=rss_sampler, args=(stats, start, stop_at, rss_rows)))
    threads.append(threading.Thread(target=middle_events, args=(load, stats, start, SECONDS / 2)))
    for thread in threads:
        thread.start()
    last_report = start
    while any(t.is_alive() for t in threads[:WORKERS]):
        time.sleep(5)
        if time.monotonic() - last_report >= 300:
            last_report = time.monotonic()
            rss = rss_rows[-1][1] if rss_rows else float("nan")
            print(f"[{time.strftime('%H:%M:%S')}] {int((last_report - start) / 60)} min: RSS {rss} MiB, "
                  f"{len(load.documents)} documents uploaded, {stats.errors} errors", flush=True)
    for thread in threads:
        thread.join()

    minutes = sorted({minute for minute, _ in stats.samples})
    ops = [op for op, _ in MIX]
    with open(os.path.join(OUT, "minutes.csv"), "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["minute", "requests", "p50_ms", "p99_ms"] + [f"{op}_p99_ms" for op in ops])
        for minute in minutes:
            every = [ms for (m, _), values in stats.samples.items() if m == minute for ms in values]
            out.writerow([minute, len(every), round(percentile(every, 0.5), 1), round(percentile(every, 0.99), 1)]
                         + [round(percentile(stats.samples.get((minute, op), []), 0.99), 1) for op in ops])
    with open(os.path.join(OUT, "rss.csv"), "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["second", "rss_mib", "peak_rss_mib"])
        out.writerows(rss_rows)

    # Summary: the first tenth (after a minute of warm-up) against the last tenth.
    total = len(minutes)
    span = max(1, total // 10)
    first = [m for m in minutes if 1 <= m < 1 + span]
    last = minutes[-span:]
    print()
    print(f"{'operation':<18} {'requests':>9} {'p50 ms':>8} {'p99 ms':>8}   p99 first {span} min  p99 last {span} min")
    for op in ops + ["all"]:
        def values(chosen):
            return [ms for (m, o), v in stats.samples.items() if m in chosen and (op == "all" or o == op) for ms in v]
        every = values(set(minutes))
        print(f"{op:<18} {len(every):>9} {percentile(every, 0.5):>8.1f} {percentile(every, 0.99):>8.1f}   "
              f"{percentile(values(set(first)), 0.99):>15.1f}  {percentile(values(set(last)), 0.99):>14.1f}")
    if rss_rows:
        warm = [r for r in rss_rows if r[0] >= 60] or rss_rows
        slope = 0.0
        if len(warm) > 2:
            xs, ys = [r[0] for r in warm], [r[1] for r in warm]
            mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
            slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / max(1e-9, sum((x - mx) ** 2 for x in xs))
        print(f"RSS: {warm[0][1]} MiB after 1 min, {rss_rows[-1][1]} MiB at the end, peak {rss_rows[-1][2]} MiB; "
              f"trend {slope * 3600:+.1f} MiB/hour (least squares over {len(warm)} samples)")
    print(f"documents uploaded: {len(load.documents)}, cases opened: {len(load.cases)}")
    print(f"failed requests: {stats.errors}" + (f" (see {OUT}/errors.log)" if stats.errors else ""))
    sys.exit(1 if stats.errors else 0)


if __name__ == "__main__":
    main()
