"""Latency of normal POST /v1/extract requests while a hostile client posts dense 54 KB texts (issue 19).

usage: python bench/api_hostile.py [--seconds 30] [--hostile 8] [--normal 2] [--corpus FILE.jsonl[.gz]] [--json]

Starts `hadath serve` (extraction only, default settings) on a free loopback port, then runs two phases of
--seconds each: **baseline**, --normal client connections posting normal articles back to back; **hostile**, the
same plus --hostile connections that each post "غارات على " repeated to 54 KB (quadratic in the events stage
today: minutes of CPU each) as fast as the server answers them.  Prints, for the normal requests of each phase,
the count, the status codes and p50/p95/p99/max latency, and the hostile requests' status codes; exits 1 when the
hostile phase's normal p99 is over --p99 (1 s) or a normal request failed.

Normal articles: the example article, or the first 200 of --corpus (JSONL with "text" and "published").
"""

from __future__ import annotations

import argparse
import gzip
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "idlib-2018-03-05.txt"
HOSTILE_BYTES = 54_000


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def normal_bodies(corpus: Path | None) -> list[bytes]:
    if corpus is None:
        text = EXAMPLE.read_text(encoding="utf-8")
        return [json.dumps({"text": text, "published": "2018-03-05"}, ensure_ascii=False).encode()]
    opener = gzip.open if corpus.name.endswith(".gz") else open
    out = []
    with opener(corpus, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            body = {"text": rec["text"], "published": (rec.get("published") or "")[:10] or None}
            out.append(json.dumps(body, ensure_ascii=False).encode())
            if len(out) >= 200:
                break
    return out


def hostile_body() -> bytes:
    unit = "غارات على "
    text = unit * (HOSTILE_BYTES // len(unit.encode()))
    return json.dumps({"text": text}, ensure_ascii=False).encode()


class Client(threading.Thread):
    """One keep-alive connection posting bodies in turn until ``stop`` is set; records (status, seconds)."""

    def __init__(self, port: int, bodies: list[bytes], stop: threading.Event, timeout: float) -> None:
        super().__init__(daemon=True)
        self.port, self.bodies, self.stop, self.timeout = port, bodies, stop, timeout
        self.results: list[tuple[int, float]] = []
        self.errors: Counter[str] = Counter()

    def run(self) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        i = 0
        while not self.stop.is_set():
            body = self.bodies[i % len(self.bodies)]
            i += 1
            t0 = time.perf_counter()
            try:
                conn.request("POST", "/v1/extract", body=body, headers={"Content-Type": "application/json"})
                resp = conn.getresponse()
                data = resp.read()
                status = resp.status
                if status != 200:
                    self.errors[json.loads(data)["error"]["message"]] += 1
                if resp.getheader("connection", "").lower() == "close":
                    conn.close()
            except (OSError, http.client.HTTPException):
                status = 0
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
            self.results.append((status, time.perf_counter() - t0))
        conn.close()


def phase(port: int, seconds: float, normal: list[bytes], n_normal: int, n_hostile: int) -> dict[str, Any]:
    stop = threading.Event()
    hostile = hostile_body()
    normals = [Client(port, normal[i::n_normal] or normal, stop, 60) for i in range(n_normal)]
    hostiles = [Client(port, [hostile], stop, 60) for _ in range(n_hostile)]
    for c in hostiles:  # the attack first, so the normal requests meet it from their first request
        c.start()
    if hostiles:
        time.sleep(1.0)
    for c in normals:
        c.start()
    time.sleep(seconds)
    stop.set()
    for c in normals + hostiles:
        c.join(90)
    lat = sorted(s for c in normals for _, s in c.results)
    out: dict[str, Any] = {
        "normal_requests": len(lat),
        "normal_status": dict(Counter(st for c in normals for st, _ in c.results)),
        "normal_errors": dict(sum((c.errors for c in normals), Counter())),
        "hostile_requests": sum(len(c.results) for c in hostiles),
        "hostile_status": dict(Counter(st for c in hostiles for st, _ in c.results)),
    }
    if lat:
        q = statistics.quantiles(lat, n=100, method="inclusive") if len(lat) > 1 else [lat[0]] * 99
        out.update(
            {"p50_ms": round(q[49] * 1000, 1), "p95_ms": round(q[94] * 1000, 1), "p99_ms": round(q[98] * 1000, 1)}
        )
        out["max_ms"] = round(lat[-1] * 1000, 1)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seconds", type=float, default=30.0, help="length of each phase (default 30)")
    ap.add_argument("--hostile", type=int, default=8, help="hostile connections (default 8)")
    ap.add_argument("--normal", type=int, default=2, help="normal connections (default 2)")
    ap.add_argument("--corpus", type=Path, default=None, help="JSONL of normal articles (default: the example)")
    ap.add_argument("--p99", type=float, default=1.0, help="fail when the normal p99 under attack exceeds this (s)")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    args = ap.parse_args()

    port = free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    server = subprocess.Popen(
        [sys.executable, "-m", "hadath", "serve", "--port", str(port), "--log-level", "warning", "--tile-url", "none"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
        cwd=ROOT,
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                conn.request("GET", "/v1/health")
                if conn.getresponse().status == 200:
                    break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                print(server.stderr.read().decode() if server.stderr else "", file=sys.stderr)
                return 2
            time.sleep(0.2)
        normal = normal_bodies(args.corpus)
        report = {
            "cores": os.cpu_count(),
            "seconds": args.seconds,
            "hostile_connections": args.hostile,
            "normal_connections": args.normal,
            "hostile_body_bytes": len(hostile_body()),
            "baseline": phase(port, args.seconds, normal, args.normal, 0),
            "hostile": phase(port, args.seconds, normal, args.normal, args.hostile),
        }
    finally:
        server.terminate()
        try:
            server.wait(20)
        except subprocess.TimeoutExpired:
            server.kill()
    if args.json:
        print(json.dumps(report))
    else:
        print(
            f"hadath API under hostile load: {report['cores']} cores, {args.seconds:g} s per phase, "
            f"{args.normal} normal + {args.hostile} hostile connections ({report['hostile_body_bytes']} B bodies)"
        )
        for name in ("baseline", "hostile"):
            r = report[name]
            print(
                f"  {name:8}  normal: {r['normal_requests']:5} requests {r['normal_status']}  "
                f"p50 {r.get('p50_ms')} ms  p95 {r.get('p95_ms')} ms  p99 {r.get('p99_ms')} ms  max {r.get('max_ms')} ms"
            )
            if r["normal_errors"]:
                print(f"            normal errors: {r['normal_errors']}")
            if r["hostile_requests"]:
                print(f"            hostile: {r['hostile_requests']} requests {r['hostile_status']}")
    h = report["hostile"]
    ok = h.get("p99_ms", 1e9) <= args.p99 * 1000 and set(h["normal_status"]) == {200}
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
