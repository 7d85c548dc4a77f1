"""Scale: Annotator construction time and memory for 1k, 100k and 1M rows; submit cost at each.

    python benchmarks/scale.py [--sizes 1000,100000,1000000] [--index range,str] [--profile]

Each (size, index kind) runs in a fresh Python process, so memory figures do not mix. Per case:

* construction: wall time of ``Annotator(df, config)``: the first one in the process (it also
  pays one-time imports and widget set-up) and the best of ``--repeat``, each on a new
  DataFrame (IPython and ipywidgets are imported beforehand, as in a kernel); the peak of
  Python allocations during one construction (tracemalloc, numpy included) and the growth of
  the process RSS;
* submit: median and p95 of ``ann.submit()`` after ``ann.set(...)`` (the public method), and of
  the browser path: a ``navigate`` submit message handled by the toolbar, exactly what a key
  press in the browser costs the kernel (no front end attached: messages go nowhere).

``--profile`` prints the top functions (cProfile, cumulative) of one construction and of 50
browser submits at the largest size.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]

CONFIG = """
<View>
  <Text name="text" value="$text"/>
  <Choices name="sentiment" toName="text" choice="single">
    <Choice value="Positive" hotkey="1"/>
    <Choice value="Negative" hotkey="2"/>
  </Choices>
</View>
"""
SUBMITS = 200


def rss_bytes() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def frame(n: int, index: str):
    import pandas as pd

    texts = [f"review number {i}: the battery lasts and the screen is fine" for i in range(n)]
    df = pd.DataFrame({"text": texts})
    if index == "str":
        df.index = [f"r{i:07d}" for i in range(n)]
    return df


def navigate(ann, action: str, values: dict | None) -> None:
    nav = ann.toolbar.nav
    nxt = nav.get("next") or [None]
    content = {"type": "navigate", "action": action, "task": nav["center"], "to": nxt[0],
               "values": values, "seq": 1, "lead_time": 1.0}  # fmt: skip
    ann.toolbar._handle_msg(
        {"content": {"data": {"method": "custom", "content": content}}, "buffers": []}
    )


def one(n: int, index: str, repeat: int, profile: bool) -> dict:
    """Runs in the child process."""
    import tracemalloc

    # A Jupyter kernel has imported IPython and ipywidgets before any cell runs (about 1.2 s
    # here in a bare process): import them first, so the figures are what a notebook sees.
    import anywidget  # noqa: F401
    import ipywidgets  # noqa: F401

    import labelwidget as lw

    # A new DataFrame for every construction: pandas caches facts about an index (is_unique)
    # on the Index object, which DataFrame.copy() shares, so a copy would hide that cost.
    times = []
    ann = None
    for _ in range(repeat):
        df = frame(n, index)
        ann = None
        t0 = time.perf_counter()
        ann = lw.Annotator(df, CONFIG)
        times.append(time.perf_counter() - t0)
    # Memory of one more construction, measured on its own.
    df = base = frame(n, index)
    ann = None
    rss0 = rss_bytes()
    tracemalloc.start()
    ann = lw.Annotator(df, CONFIG)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss1 = rss_bytes()
    if profile:
        import cProfile
        import pstats

        fresh = frame(n, index)
        pr = cProfile.Profile()
        pr.enable()
        lw.Annotator(fresh, CONFIG)
        pr.disable()
        print(f"--- profile: construction, {n} rows, index {index}", file=sys.stderr)
        pstats.Stats(pr, stream=sys.stderr).sort_stats("cumulative").print_stats(18)

    public = []
    for i in range(SUBMITS):
        ann.set("sentiment", "Positive" if i % 2 else "Negative")
        t0 = time.perf_counter()
        ann.submit()
        public.append(time.perf_counter() - t0)
    browser = []
    for i in range(SUBMITS):
        values = {"sentiment": "Positive" if i % 2 else "Negative"}
        t0 = time.perf_counter()
        navigate(ann, "submit", values)
        browser.append(time.perf_counter() - t0)
    if profile:
        import cProfile
        import pstats

        pr = cProfile.Profile()
        pr.enable()
        for _ in range(50):
            navigate(ann, "submit", {"sentiment": "Positive"})
        pr.disable()
        print(f"--- profile: 50 browser submits, {n} rows, index {index}", file=sys.stderr)
        pstats.Stats(pr, stream=sys.stderr).sort_stats("cumulative").print_stats(18)
    done = int(df["sentiment"].notna().sum())

    def ms(xs, q):
        xs = sorted(xs)
        return 1000 * xs[min(len(xs) - 1, round(q / 100 * (len(xs) - 1)))]

    return {
        "rows": n,
        "index": index,
        "construct_s_first": times[0],
        "construct_s_best": min(times),
        "construct_s_all": times,
        "tracemalloc_peak_mb": peak / 2**20,
        "rss_growth_mb": (rss1 - rss0) / 2**20,
        "df_mb": base.drop(columns=["sentiment"]).memory_usage(deep=True).sum() / 2**20,
        "submit_ms_p50": 1000 * statistics.median(public),
        "submit_ms_p95": ms(public, 95),
        "browser_submit_ms_p50": 1000 * statistics.median(browser),
        "browser_submit_ms_p95": ms(browser, 95),
        "submitted_rows": done,
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1000,100000,1000000")
    ap.add_argument("--index", default="range,str",
                    help="index kinds: range (RangeIndex, as read_csv gives) and/or str ids")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--profile", action="store_true")
    ap.add_argument("--json", type=Path)
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.child:
        n, index = args.child.split(":")
        print(json.dumps(one(int(n), index, args.repeat, args.profile)))
        return 0

    sizes = [int(s) for s in args.sizes.split(",")]
    kinds = args.index.split(",")
    rows = []
    for index in kinds:
        for n in sizes:
            profile = args.profile and n == max(sizes)
            cmd = [sys.executable, __file__, "--child", f"{n}:{index}",
                   "--repeat", str(args.repeat)] + (["--profile"] if profile else [])
            env = {**os.environ, "PYTHONPATH": os.pathsep.join(
                p for p in (str(REPO_ROOT), os.environ.get("PYTHONPATH")) if p)}
            done = subprocess.run(cmd, capture_output=True, text=True, env=env)
            if done.stderr:
                print(done.stderr, file=sys.stderr)
            if done.returncode:
                print(f"{n} rows ({index}): failed", file=sys.stderr)
                continue
            rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
    head = subprocess.run(["git", "-C", str(REPO_ROOT), "rev-parse", "--short", "HEAD"],
                          capture_output=True, text=True).stdout.strip()
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"# scale  (commit {head}; load average at the end {load}; {os.cpu_count()} cores)")
    print(f"{'rows':>9} {'index':>5} {'first s':>8} {'construct s':>11} {'peak MB':>8}"
          f" {'RSS +MB':>8}"
          f" {'df MB':>7} {'submit p50/p95 ms':>18} {'browser submit p50/p95 ms':>26}")
    for r in rows:
        print(f"{r['rows']:>9} {r['index']:>5} {r['construct_s_first']:8.3f}"
              f" {r['construct_s_best']:11.3f}"
              f" {r['tracemalloc_peak_mb']:8.1f} {r['rss_growth_mb']:8.1f} {r['df_mb']:7.1f}"
              f" {r['submit_ms_p50']:8.2f} / {r['submit_ms_p95']:6.2f}"
              f" {r['browser_submit_ms_p50']:13.2f} / {r['browser_submit_ms_p95']:6.2f}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
