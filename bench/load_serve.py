#!/usr/bin/env python3
"""Load test of `tweet-query serve`, on loopback only and bounded in time: starts the server on an
index (a free port), runs CLIENTS concurrent clients for SECONDS mixing search pages, API
searches, top lists (facets) and account pages, then stops it and prints requests per second,
p50/p99 latency, errors and the server's peak RSS as one JSON object.

    python3 bench/load_serve.py --db /tmp/t50k.xapian [--seconds 30] [--clients 20] [--threads 4]

The queries come from the index itself (its top authors, mentions, hashtags, words of the
generated corpus), so any index works; with --seed the mix is the same from run to run."""
import argparse
import http.client
import json
import os
import random
import re
import signal
import subprocess
import threading
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
BIN = os.environ.get("TWEET_INDEX_BIN") or os.path.join(HERE, "..", "build", "bin")
WORDS = ["business", "model", "free", "video", "news", "photo", "weekend", "shipping", "blog", "love"]


def get(host, port, path):
    conn = http.client.HTTPConnection(host, port, timeout=60)
    try:
        conn.request("GET", path)
        r = conn.getresponse()
        body = r.read()
        return r.status, body
    finally:
        conn.close()


def peak_rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--threads", type=int, default=4, help="the server's --threads")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()

    server = subprocess.Popen([os.path.join(BIN, "tweet-query"), "serve", "--db", args.db, "--port", "0",
                               "--threads", str(args.threads)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    m = re.search(r" at http://([^/:]+):(\d+)/ ", server.stdout.readline())
    if not m:
        raise SystemExit("serve did not start: " + server.stderr.read())
    host, port = m.group(1), int(m.group(2))
    try:
        def top(kind, n=40):
            status, body = get(host, port, f"/api/top/{kind}?limit={n}")
            assert status == 200, body
            return [v["value"] for v in json.loads(body)["values"]]

        authors, mentions, tags, domains = top("authors"), top("mentions"), top("hashtags"), top("domains")
        queries = ([""] + WORDS + ["from:" + a for a in authors] + ["@" + m for m in mentions] +
                   ["#" + t for t in tags] + ["domain:" + d for d in domains] +
                   [f"{w} lang:en" for w in WORDS] + ["has:links -filter:retweets", "is:reply", "lang:en"])

        def request_for(rng):
            q = rng.choice(queries)
            kind = rng.random()
            if kind < 0.4:
                return "page", "/?" + urllib.parse.urlencode({"q": q, "sort": rng.choice(["newest", "relevance"])})
            if kind < 0.6:
                return "api-search", "/api/search?" + urllib.parse.urlencode({"q": q, "limit": 20})
            if kind < 0.8:
                facet = rng.choice(["mentions", "hashtags", "domains", "authors", "lang"])
                return "api-top", f"/api/top/{facet}?" + urllib.parse.urlencode({"q": q, "limit": 10})
            return "account", "/account/" + urllib.parse.quote(rng.choice(authors + mentions), safe="")

        results, lock = [], threading.Lock()
        end = time.monotonic() + args.seconds

        def client(n):
            rng = random.Random(args.seed * 1000 + n)
            mine = []
            while time.monotonic() < end:
                kind, path = request_for(rng)
                t0 = time.monotonic()
                try:
                    status, _ = get(host, port, path)
                except Exception as e:  # a refused or dropped connection is an error too
                    status = repr(e)
                mine.append((kind, time.monotonic() - t0, status))
            with lock:
                results.extend(mine)

        started = time.monotonic()
        clients = [threading.Thread(target=client, args=(n,)) for n in range(args.clients)]
        for c in clients:
            c.start()
        for c in clients:
            c.join()
        elapsed = time.monotonic() - started
        rss = peak_rss_kb(server.pid)
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=60)

    def percentile(values, p):
        values = sorted(values)
        return values[min(len(values) - 1, int(p / 100 * len(values)))] if values else None

    def summary(rows):
        latencies = [r[1] for r in rows]
        return {"requests": len(rows), "errors": sum(r[2] != 200 for r in rows),
                "p50_ms": round(1000 * percentile(latencies, 50), 1), "p99_ms": round(1000 * percentile(latencies, 99), 1)}

    out = {"db": args.db, "clients": args.clients, "server_threads": args.threads, "seconds": round(elapsed, 1),
           "requests_per_second": round(len(results) / elapsed, 1), **summary(results),
           "server_peak_rss_mb": round(rss / 1024, 1) if rss else None,
           "by_kind": {k: summary([r for r in results if r[0] == k]) for k in sorted({r[0] for r in results})},
           "error_samples": sorted({str(r[2]) for r in results if r[2] != 200})[:5]}
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
