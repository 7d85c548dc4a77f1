"""Export throughput: labelwidget's exporters, plain json.dumps, and Label Studio's converter.

    python benchmarks/export.py [--tasks 100000] [--formats json_min,csv,conll2003,coco,yolo,voc]

Generates two sets of tasks (a Text with Labels spans and a Choices; an Image with boxes and
polygons), exports the DataFrame to Label Studio JSON with ``labelwidget.export``, and then,
for each format, times

* ours: ``labelwidget.export(df, config, format, path)`` from the DataFrame,
* json.dumps: ``json.dumps`` of the same Label Studio tasks, already built in memory (the
  cost of serialising alone, the floor for a JSON writer),
* Label Studio: ``label_studio_sdk.converter.Converter.convert`` on the Label Studio JSON file
  we wrote (which it reads with ijson, as it streams too).

Rates are tasks per second of this process's CPU time (wall time is printed too): the machine
is shared, and wall time would count the other processes' work.
"peak MB" is how much the process's resident memory grew while that export ran (sampled every
5 ms from /proc/self/statm): a streaming writer stays flat however many tasks there are.
Image files do not exist, so neither tool reads images.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import random
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import labelwidget.formats as F

TEXT_CONFIG = """<View>
  <Text name="text" value="$text"/>
  <Labels name="ner" toName="text"><Label value="PER"/><Label value="ORG"/><Label value="LOC"/>
  </Labels>
  <Choices name="sentiment" toName="text"><Choice value="Positive"/><Choice value="Negative"/>
  </Choices>
</View>"""

IMAGE_CONFIG = """<View>
  <Image name="image" value="$image"/>
  <RectangleLabels name="box" toName="image"><Label value="Car"/><Label value="Bike"/>
    <Label value="Person"/></RectangleLabels>
  <PolygonLabels name="poly" toName="image"><Label value="Road"/></PolygonLabels>
</View>"""

WORDS = ["the", "a", "battery", "screen", "delivery", "quality", "price", "works", "broke",
         "fast", "slow", "great", "terrible", "Alice", "Bob", "Acme", "Paris", "Berlin",
         "Initech", "met", "visited", "in", "of", "and"]
TEXT_FORMATS = ("json_min", "csv", "conll2003")
IMAGE_FORMATS = ("coco", "yolo", "voc")
LS_NAMES = {"json_min": "JSON_MIN", "csv": "CSV", "conll2003": "CONLL2003", "coco": "COCO",
            "yolo": "YOLO", "voc": "VOC"}


def text_tasks(n: int, seed: int = 1) -> tuple[pd.DataFrame, dict]:
    rng = random.Random(seed)
    texts, spans, sentiment, meta = [], [], [], {}
    for i in range(n):
        words = [rng.choice(WORDS) for _ in range(rng.randint(8, 30))]
        text = " ".join(words)
        cell, at = [], 0
        for j, word in enumerate(words):
            if word[0].isupper() and rng.random() < 0.7:
                cell.append({"id": f"{i}-{j}", "start": at, "end": at + len(word),
                             "text": word, "labels": [rng.choice(["PER", "ORG", "LOC"])]})
            at += len(word) + 1
        texts.append(text)
        spans.append(cell or None)
        sentiment.append(rng.choice(["Positive", "Negative", None]))
        meta[i] = {"completed_by": rng.randint(1, 5), "id": i + 1,
                   "created_at": "2024-05-01T12:00:00.000000Z", "lead_time": 3.5}
    df = pd.DataFrame({"text": texts})
    df["ner"] = pd.Series(spans, dtype=object)
    df["sentiment"] = pd.Series(sentiment, dtype=object)
    return df, meta


def image_tasks(n: int, seed: int = 2) -> tuple[pd.DataFrame, dict]:
    rng = random.Random(seed)
    images, boxes, polygons, meta = [], [], [], {}
    for i in range(n):
        w, h = rng.choice([(640, 480), (1280, 720), (800, 600)])
        images.append(f"/nonexistent/images/img_{i:06d}.jpg")
        cell = []
        for k in range(rng.randint(0, 4)):
            x, y = rng.uniform(0, 80), rng.uniform(0, 80)
            cell.append({"id": f"{i}-b{k}", "x": x, "y": y, "width": rng.uniform(1, 100 - x),
                         "height": rng.uniform(1, 100 - y), "rotation": 0,
                         "rectanglelabels": [rng.choice(["Car", "Bike", "Person"])],
                         "original_width": w, "original_height": h})
        boxes.append(cell or None)
        polygons.append([{"id": f"{i}-p", "points": [[rng.uniform(0, 100), rng.uniform(0, 100)]
                                                     for _ in range(5)],
                          "polygonlabels": ["Road"], "original_width": w,
                          "original_height": h}] if rng.random() < 0.3 else None)
        meta[i] = {"completed_by": rng.randint(1, 5)}
    df = pd.DataFrame({"image": images})
    df["box"] = pd.Series(boxes, dtype=object)
    df["poly"] = pd.Series(polygons, dtype=object)
    return df, meta


class PeakRSS:
    """Largest growth of resident memory while the block runs (Linux /proc)."""

    def __enter__(self):
        self.page = os.sysconf("SC_PAGE_SIZE")
        self.base = self.peak = self._rss()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()
        return self

    def _rss(self) -> int:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * self.page

    def _watch(self):
        while not self._stop.wait(0.005):
            self.peak = max(self.peak, self._rss())

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self._rss())

    @property
    def grown_mb(self) -> float:
        return (self.peak - self.base) / 1e6


def timed(action):
    """Wall seconds, CPU seconds of this process, and memory growth of ``action()``.

    On a machine shared with other work, wall time measures the other work too: the CPU time
    (this process only; every export is single-threaded) is what the rates are read from."""
    with PeakRSS() as memory:
        start, cpu = time.perf_counter(), time.process_time()
        action()
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    return (seconds, cpu), memory.grown_mb


def row(name, n, seconds, grown=None):
    wall, cpu = seconds
    rate = f"{n / cpu:>10,.0f}" if cpu else " " * 10
    peak = f"{grown:>8.1f}" if grown is not None else " " * 8
    return f"  {name:<28}{wall:>8.2f} s {cpu:>8.2f} s {rate} tasks/CPU-s {peak} MB"


def run(kind, df, meta, config, formats, workdir: Path):
    from label_studio_sdk.converter import Converter

    n = len(df)
    print(f"\n{kind}: {n:,} tasks")
    ls_json = workdir / f"{kind}.json"
    seconds, grown = timed(lambda: F.export(df, config, "label_studio", ls_json, meta=meta))
    size = ls_json.stat().st_size / 1e6
    print(row("ours  label_studio", n, seconds, grown) + f"   ({size:,.0f} MB file)")
    tasks = F.to_label_studio(df, config, meta=meta)
    seconds, grown = timed(lambda: json.dumps(tasks, ensure_ascii=False))
    print(row("json.dumps of the same tasks", n, seconds, grown))
    tasks = None  # free them before the next exports are measured
    converter = Converter(config, project_dir=None, download_resources=False)
    for fmt in formats:
        target = workdir / f"ours_{fmt}"
        path = target / "out" if F.formats[fmt].target == "file" else target
        seconds, grown = timed(lambda fmt=fmt, path=path: F.export(df, config, fmt, path,
                                                                   meta=meta))
        print(row(f"ours  {fmt}", n, seconds, grown))
        out = workdir / f"ls_{fmt}"
        seconds, grown = timed(lambda fmt=fmt, out=out: converter.convert(
            str(ls_json), str(out), LS_NAMES[fmt], is_dir=False))
        print(row(f"Label Studio  {LS_NAMES[fmt]}", n, seconds, grown))
        shutil.rmtree(target, ignore_errors=True)
        shutil.rmtree(out, ignore_errors=True)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=100_000)
    parser.add_argument("--formats", default=",".join(TEXT_FORMATS + IMAGE_FORMATS))
    args = parser.parse_args(argv)
    wanted = [f.strip() for f in args.formats.split(",") if f.strip()]
    logging.getLogger("label_studio_sdk").setLevel(logging.ERROR)
    logging.getLogger().setLevel(logging.ERROR)
    print(f"export throughput, {args.tasks:,} generated tasks per set (wall time, CPU time, "
          "tasks per CPU second, resident memory growth)")
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        text_formats = [f for f in wanted if f in TEXT_FORMATS]
        image_formats = [f for f in wanted if f in IMAGE_FORMATS]
        df, meta = text_tasks(args.tasks)
        run("text (Labels spans + Choices)", df, meta, TEXT_CONFIG, text_formats, workdir)
        del df, meta
        df, meta = image_tasks(args.tasks)
        run("image (RectangleLabels + PolygonLabels)", df, meta, IMAGE_CONFIG, image_formats,
            workdir)


if __name__ == "__main__":
    main()
