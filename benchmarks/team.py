"""Team store: claims per second and submit-to-durable latency, PostgreSQL and SQLite.

    python benchmarks/team.py [--tasks 2000] [--procs 1,4,16] [--json f]

Per backend and number of annotator processes, every process opens the store under its own
name and loops as an annotator does: claim a window of 5 tasks (``store.claim``), then submit
each task it holds (``store.append``, which returns once the event is durable: fsynced WAL on
SQLite, ``synchronous_commit=on`` on PostgreSQL) until the pool is empty. Printed:

* claims/s: tasks handed out per second over the whole run, all processes together;
* claim p50/p95: latency of one ``claim()`` call (it renews the leases and tops the window up);
* submit p50/p95: latency of one ``append()``: submit to durable, claims settled in the same
  transaction;
* load: the machine's 1-minute load average before and after the row (2 cores here).

The clock starts once every process has imported labelwidget and opened the store.

PostgreSQL is a throwaway cluster started for the run (tests/postgres_server.py: Debian's
binaries, 127.0.0.1, fsync on); SQLite is one file in a temp dir. Both on this machine.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from tests import postgres_server  # noqa: E402


def _pct(values, q):
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def _annotator(url, name, ready, start, results):
    from labelwidget.store import Event
    from labelwidget.store.url import open_store

    store = open_store(url, annotator=name, lease=300.0)
    claims, submits, got = [], [], 0
    ready.put(name)
    start.wait()
    while True:
        t = time.perf_counter()
        held = store.claim(window=5, overlap=1, lease=300.0)
        claims.append(time.perf_counter() - t)
        if not held:
            break
        got += len(held)
        for task in held:
            t = time.perf_counter()
            store.append(Event(task=task, kind="submit", values={"c": name}))
            submits.append(time.perf_counter() - t)
    store.close()
    results.put((name, got, claims, submits))


def run(url, procs, n_tasks):
    from labelwidget.store.url import open_store

    with open_store(url, annotator="setup") as store:
        store.register_tasks([f"t{i:06d}" for i in range(n_tasks)])
    ctx = mp.get_context("spawn")
    ready, start, results = ctx.Queue(), ctx.Event(), ctx.Queue()
    workers = [ctx.Process(target=_annotator, args=(url, f"a{i}", ready, start, results))
               for i in range(procs)]
    for w in workers:
        w.start()
    # The clock starts once every process has imported and connected (on a loaded machine
    # that takes far longer than any fixed pause): it measures claims, not start-up.
    for _ in workers:
        ready.get(timeout=600)
    began = time.perf_counter()
    start.set()
    out = [results.get(timeout=600) for _ in workers]
    wall = time.perf_counter() - began
    for w in workers:
        w.join(60)
    claims = [c for _, _, cs, _ in out for c in cs]
    submits = [s for _, _, _, ss in out for s in ss]
    total = sum(got for _, got, _, _ in out)
    assert total == n_tasks, (total, n_tasks)
    return {"claims_per_s": total / wall, "claim_p50_ms": 1000 * statistics.median(claims),
            "claim_p95_ms": 1000 * _pct(claims, 0.95),
            "submit_p50_ms": 1000 * statistics.median(submits),
            "submit_p95_ms": 1000 * _pct(submits, 0.95), "wall_s": wall}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tasks", type=int, default=2000)
    parser.add_argument("--procs", default="1,4,16")
    parser.add_argument("--json")
    args = parser.parse_args()
    counts = [int(x) for x in args.procs.split(",")]
    rows = []
    server = postgres_server.start()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for procs in counts:
                for backend in ("postgresql", "sqlite"):
                    if backend == "postgresql":
                        url = server.create_database(f"b_{uuid.uuid4().hex[:8]}")
                    else:
                        url = f"sqlite:///{Path(tmp) / f'team_{uuid.uuid4().hex[:8]}.sqlite'}"
                    load_before = os.getloadavg()[0]
                    figures = run(url, procs, args.tasks)
                    # The machine may be shared: the 1-minute load average, before and after.
                    figures["load"] = (load_before, os.getloadavg()[0])
                    rows.append({"backend": backend, "procs": procs, **figures})
                    print(f"{backend:10s} {procs:3d} procs: {figures['claims_per_s']:7.0f} "
                          f"claims/s  claim p50/p95 {figures['claim_p50_ms']:6.1f}/"
                          f"{figures['claim_p95_ms']:6.1f} ms  submit p50/p95 "
                          f"{figures['submit_p50_ms']:6.1f}/{figures['submit_p95_ms']:6.1f} ms"
                          f"  load {figures['load'][0]:.1f}-{figures['load'][1]:.1f}",
                          flush=True)
    finally:
        server.remove()
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
