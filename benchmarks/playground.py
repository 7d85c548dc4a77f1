"""Kernel time of one playground edit per template: parse, carry the values, build the new
Annotator (what happens between the editor sending its text and the new widget's state leaving
the kernel). The browser adds the 100 ms debounce and one kernel round trip.

    python benchmarks/playground.py [--repeat 20]
"""

from __future__ import annotations

import argparse
import statistics
import time

import labelwidget as lw
from labelwidget.prototyping.templates import TEMPLATES


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    print(f"{'template':<16} {'median ms':>10} {'max ms':>8}")
    for name, xml in TEMPLATES.items():
        pg = lw.playground(xml)
        times = []
        for i in range(args.repeat):
            # a real edit each time (a comment that changes), so nothing is skipped
            text = xml.replace("</View>", f"<!-- {i} --></View>")
            start = time.perf_counter()
            pg.edit(text)
            times.append((time.perf_counter() - start) * 1000)
            assert pg.problems == [], pg.problems
        print(f"{name:<16} {statistics.median(times):>10.1f} {max(times):>8.1f}")


if __name__ == "__main__":
    main()
