"""Task switch: key press (or click) -> the next task's content painted, measured in the page.

    python benchmarks/task_switch.py [--tasks 200] [--only ours-text,pigeon] [--json out.json]

One JupyterLab and one headless Debian Chromium (tests/browser/harness.py) serve every case of
the run: labelwidget with a text-classification config and with an NER config (kernel: the
project's Python), and the notebook peers, each in a virtualenv of its own registered as an
extra kernelspec (see benchmarks/_browser.py). Notebooks are generated into a temp dir.

The figure per task: from the input event's timeStamp (keydown, or click for peers that have
no keys) to the requestAnimationFrame after a MutationObserver saw the next task's marker text
in the widget, i.e. the frame that paints it; also reported: the first task after that frame
("after frame"). Before each measured input the script pauses ``--think`` seconds (after
choosing the option, for our text case) and waits until the kernel has been idle for 60 ms, so
each figure is one switch in steady state, as a person working at a human pace sees it;
`ours-text-burst` instead goes as fast as keys can be sent, with acks still in flight, and
`ours-text-10-per-s` presses `1` then Enter ten times a second (a fast labeler) without waiting
for the kernel. `ours-long` is the NER case on 100,000-character texts with 2,000 pre-filled
spans each (the switch must not cost more for a longer document), and `ours-long-html` the
same documents as HyperText (one <p> per line, spans by XPath and offsets). Each of
our cases then checks that every submit reached the DataFrame with the chosen value.

The `*-image` cases switch between 12-megapixel JPEGs, drawn: see benchmarks/image_switch.py.

Peers without keys (pigeon, pigeonXT) are clicked; the clock starts at the click event (mouse
release), which favours them over a key press measured from keydown.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _browser as b
import image_switch

OPTIONS = ["Positive", "Negative", "Neutral"]
WARMUP = 10
LONG_SPANS = 2_000

# The same texts in every kernel: a unique marker first, then ~45 words.
TEXTS_SRC = '''
import random as _r
def make_texts(n, seed=7):
    rng = _r.Random(seed)
    words = ("the a battery screen delivery quality price works broke fast slow great terrible "
             "arrived box phone charger support refund love hate okay Alice Bob Paris Acme").split()
    return [f"Task {i:05d}: " + " ".join(rng.choice(words) for _ in range(45)) + "."
            for i in range(n)]
'''


def marker(i: int) -> str:
    return f"Task {i:05d}:"


TEXT_CONFIG = """
<View>
  <Text name="text" value="$text"/>
  <Choices name="sentiment" toName="text" choice="single" showInline="true">
    <Choice value="Positive" hotkey="1"/>
    <Choice value="Negative" hotkey="2"/>
    <Choice value="Neutral" hotkey="3"/>
  </Choices>
</View>
"""

NER_CONFIG = """
<View>
  <Labels name="ner" toName="text">
    <Label value="PER" hotkey="p"/>
    <Label value="ORG" hotkey="o"/>
    <Label value="LOC" hotkey="l"/>
  </Labels>
  <Text name="text" value="$text"/>
</View>
"""

# Every task of the NER case comes with three pre-filled spans (drawn on each switch).
NER_SPANS_SRC = '''
import re as _re
def spans_of(text):
    words = [m for m in _re.finditer(r"[A-Za-z]+", text)][2:]
    out = []
    for k, label in ((0, "PER"), (7, "ORG"), (20, "LOC")):
        m = words[k]
        out.append({"start": m.start(), "end": m.end(), "text": m.group(), "labels": [label]})
    return out
'''


# Long documents: a 100,000-character text per task with 2,000 pre-filled spans (one every
# ~50 characters), the marker first. The switch must not cost more for a longer document.
LONG_SRC = '''
import random as _r
def long_task(i, chars=100_000, spans=2_000, seed=11):
    rng = _r.Random(seed + i)
    words = ("the a battery screen delivery quality price works broke fast slow great terrible "
             "arrived box phone charger support refund love hate okay Alice Bob Paris Acme").split()
    parts, size = [f"Task {i:05d}:"], 11
    while size < chars:
        w = rng.choice(words) + ("\\n" if rng.random() < 0.02 else " ")
        parts.append(w)
        size += len(w)
    text = " ".join([parts[0], "".join(parts[1:])])[:chars]
    out, step = [], chars // spans
    for k in range(spans):
        start = text.find(" ", 20 + k * step) + 1
        end = text.find(" ", start)
        if 0 < start < end <= len(text):
            out.append({"id": f"s{k}", "start": start, "end": end, "text": text[start:end],
                        "labels": [("PER", "ORG", "LOC")[k % 3]]})
    return text, out
'''

# The same documents as HyperText: one <p> per line, the spans placed by XPath and offsets.
LONG_HTML_SRC = LONG_SRC + '''
import bisect as _bisect, html as _html
from labelwidget.config.spans import HtmlText as _HtmlText, sanitize_html as _sanitize
def long_html_task(i, chars=100_000, spans=2_000, seed=11):
    text, _ = long_task(i, chars, spans, seed)
    page = "".join(f"<p>{_html.escape(line)}</p>" for line in text.split("\\n"))
    doc = _HtmlText(_sanitize(page))
    starts = [s for _, s, _ in doc.nodes]
    def at(u, end):
        k = _bisect.bisect_right(starts, u - 1 if end else u) - 1
        return doc.nodes[k][0], u - doc.nodes[k][1]
    out, step, t = [], len(doc.text) // spans, doc.text
    for k in range(spans):
        start = t.find(" ", 20 + k * step) + 1
        end = t.find(" ", start)
        if 0 < start < end:
            (sx, so), (ex, eo) = at(start, False), at(end, True)
            out.append({"id": f"h{k}", "start": sx, "startOffset": so, "end": ex, "endOffset": eo,
                        "globalOffsets": {"start": start, "end": end}, "text": t[start:end],
                        "hypertextlabels": [("PER", "ORG", "LOC")[k % 3]]})
    return page, out
'''

HTML_NER_CONFIG = """
<View>
  <HyperTextLabels name="ner" toName="text">
    <Label value="PER" hotkey="p"/>
    <Label value="ORG" hotkey="o"/>
    <Label value="LOC" hotkey="l"/>
  </HyperTextLabels>
  <HyperText name="text" value="$text"/>
</View>
"""


def notebooks(tmp: Path, n: int) -> dict[str, tuple[str, str]]:
    """name -> (notebook file, kernel) for every case."""
    rows = n + WARMUP + 10
    cases = {}

    def add(name, kernel, cells):
        path = tmp / f"bench_{name.replace('-', '_')}.ipynb"
        b.write_notebook(path, cells, kernel)
        cases[name] = (path.name, kernel)

    ours_head = (
        TEXTS_SRC + "import pandas as pd\nimport labelwidget as lw\n"
        f"texts = make_texts({rows})\n"
        "df = pd.DataFrame({'text': texts}, index=[f't{i}' for i in range(len(texts))])\n"
    )
    add("ours-text", b.PROJECT_KERNEL, [
        ours_head + f"ann = lw.Annotator(df, {TEXT_CONFIG!r})",
        "ann",
    ])  # fmt: skip
    add("ours-text-burst", b.PROJECT_KERNEL, [
        ours_head + f"ann = lw.Annotator(df, {TEXT_CONFIG!r})",
        "ann",
    ])  # fmt: skip
    add("ours-text-10-per-s", b.PROJECT_KERNEL, [
        ours_head + f"ann = lw.Annotator(df, {TEXT_CONFIG!r})",
        "ann",
    ])  # fmt: skip
    add("ours-ner", b.PROJECT_KERNEL, [
        ours_head + NER_SPANS_SRC
        + "df['ner'] = pd.Series([spans_of(t) for t in texts], index=df.index, dtype=object)\n"
        + f"ann = lw.Annotator(df, {NER_CONFIG!r})",
        "ann",
    ])  # fmt: skip
    add("ours-long", b.PROJECT_KERNEL, [
        LONG_SRC + "import pandas as pd\nimport labelwidget as lw\n"
        f"pairs = [long_task(i) for i in range({rows})]\n"
        "df = pd.DataFrame({'text': [t for t, _ in pairs]},"
        " index=[f't{i}' for i in range(len(pairs))])\n"
        "df['ner'] = pd.Series([s for _, s in pairs], index=df.index, dtype=object)\n"
        "del pairs\n"
        f"ann = lw.Annotator(df, {NER_CONFIG!r})",
        "ann",
    ])  # fmt: skip
    add("ours-long-html", b.PROJECT_KERNEL, [
        LONG_HTML_SRC + "import pandas as pd\nimport labelwidget as lw\n"
        f"pairs = [long_html_task(i) for i in range({rows})]\n"
        "df = pd.DataFrame({'text': [t for t, _ in pairs]},"
        " index=[f't{i}' for i in range(len(pairs))])\n"
        "df['ner'] = pd.Series([s for _, s in pairs], index=df.index, dtype=object)\n"
        "del pairs\n"
        f"ann = lw.Annotator(df, {HTML_NER_CONFIG!r})",
        "ann",
    ])  # fmt: skip
    add("pigeon", "lw-peers", [
        TEXTS_SRC + f"texts = make_texts({rows})\n"
        "from pigeon import annotate\n"
        f"annotations = annotate(texts, options={OPTIONS!r})",
    ])  # fmt: skip
    add("ipyannotations", "lw-peers", [
        TEXTS_SRC + f"texts = make_texts({rows})\n"
        "from ipyannotations.text import ClassLabeller\n"
        f"widget = ClassLabeller(options={OPTIONS!r}, allow_freetext=False)\n"
        "labels = []\n"
        "_items = iter(texts)\n"
        "def _on_submit(value):\n"
        "    labels.append(value)\n"
        "    widget.display(next(_items, 'done'))\n"
        "widget.on_submit(_on_submit)\n"
        "widget.display(next(_items))",
        "widget",
    ])  # fmt: skip
    image_switch.add_cases(add, tmp / "images", rows)
    add("superintendent", "lw-peers", [
        TEXTS_SRC + f"texts = make_texts({rows})\n"
        "from superintendent import Superintendent\n"
        "from ipyannotations.text import ClassLabeller\n"
        "widget = Superintendent(features=texts, labelling_widget=ClassLabeller("
        f"options={OPTIONS!r}, allow_freetext=False))",
        "widget",
    ])  # fmt: skip
    add("pigeonxt", "lw-peers-lab3", [
        TEXTS_SRC + f"texts = make_texts({rows})\n"
        "import pandas as pd\n"
        "import pigeonXT as pixt\n"
        "frame = pd.DataFrame({'example': texts})\n"
        f"annotations = pixt.annotate(frame, options={OPTIONS!r}, task_type='classification',"
        " buttons_in_a_row=3, reset_buttons_after_click=True, include_next=False,"
        " include_back=False)",
    ])  # fmt: skip
    return cases


# --------------------------------------------------------------------------------------------
# Drivers: open, run, then one switch per task
# --------------------------------------------------------------------------------------------


def open_case(session: b.Session, notebook: str):
    lab = session.lab()
    lab.open_notebook(notebook, timeout=120)
    lab.run_all(timeout=180)
    return lab


def drive_ours(lab, n: int, *, first: int, choose: str | None, settle: bool,
               think: float, spans: int = 3, pace: float = 0.0) -> dict:
    page = lab.page
    page.locator(".lw-annotator").first.wait_for()
    page.wait_for_function(
        "m => document.querySelector('.lw-annotator').textContent.includes(m)", arg=marker(first)
    )
    # Focus inside the annotator (the toolbar listens there), away from any text selection.
    page.locator(".lw-annotator .lw-progress").click()
    b.install_probe(page, ".lw-annotator", ["keydown"])
    t0 = time.perf_counter()
    for k in range(n):
        if pace:  # one task every `pace` seconds, whatever the kernel is doing
            time.sleep(max(0.0, t0 + k * pace - time.perf_counter()))
        if choose:
            page.keyboard.press(choose)
        time.sleep(think)
        if settle:
            b.wait_kernel_quiet(page)
        b.arm(page, marker(first + k + 1), "Enter")
        page.keyboard.press("Enter")
        b.wait_sample(page, k + 1)
        if settle:
            b.wait_selector(page, ".lw-annotator .lw-state:not(.lw-pending)")
    wall = time.perf_counter() - t0
    got = b.samples(page)
    page.wait_for_selector(".lw-annotator .lw-state:not(.lw-pending)", timeout=60_000)
    # Every submit must have reached the DataFrame with what was chosen (the text case picks
    # "Positive" with key 1; the NER cases re-submit their pre-filled spans).
    check = ("(df['sentiment'] == 'Positive')" if choose
             else f"df['ner'].map(lambda v: isinstance(v, list) and len(v) == {spans})")
    stored = lab.wait_until_kernel(
        f"int({check}.iloc[:{first + n}].sum()) if "
        f"ann.results.query(\"kind == 'submit'\")['task'].nunique() >= {first + n} else 0",
        timeout=60,
    )
    return {**got, "wall_s": wall, "submits_in_dataframe": stored, "expected": first + n}


def drive_click(lab, n: int, *, first: int, button: str, think: float) -> dict:
    page = lab.page
    panel = page.locator(".jp-NotebookPanel:visible")
    page.wait_for_function(
        "m => window.__lwPanel.node.textContent.includes(m)", arg=marker(first), timeout=60_000
    )
    target = panel.locator(f"button.jupyter-button:has-text('{button}')").first
    target.scroll_into_view_if_needed()
    b.install_probe(page, "@panel", ["click"])
    t0 = time.perf_counter()
    for k in range(n):
        box = target.bounding_box()
        time.sleep(think)
        b.wait_kernel_quiet(page)
        b.arm(page, marker(first + k + 1))
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        b.wait_sample(page, k + 1)
    return {**b.samples(page), "wall_s": time.perf_counter() - t0}


def drive_keys(lab, n: int, *, first: int, key: str, hover: str, think: float) -> dict:
    page = lab.page
    page.wait_for_function(
        "m => window.__lwPanel.node.textContent.includes(m)", arg=marker(first), timeout=60_000
    )
    area = page.locator(hover).first
    area.scroll_into_view_if_needed()
    area.hover()
    area.click()
    b.install_probe(page, "@panel", ["keydown"])
    t0 = time.perf_counter()
    for k in range(n):
        time.sleep(think)
        b.wait_kernel_quiet(page)
        b.arm(page, marker(first + k + 1), key)
        page.keyboard.press(key)
        b.wait_sample(page, k + 1)
    return {**b.samples(page), "wall_s": time.perf_counter() - t0}


def run_case(session, name, notebook, n, think, image_think=1.0) -> dict:
    lab = open_case(session, notebook)
    m = WARMUP + n
    try:
        if name == "ours-text":
            raw = drive_ours(lab, m, first=0, choose="1", settle=True, think=think)
        elif name == "ours-text-burst":
            raw = drive_ours(lab, m, first=0, choose="1", settle=False, think=0)
        elif name == "ours-text-10-per-s":
            raw = drive_ours(lab, m, first=0, choose="1", settle=False, think=0, pace=0.1)
        elif name == "ours-ner":
            raw = drive_ours(lab, m, first=0, choose=None, settle=True, think=think)
        elif name in ("ours-long", "ours-long-html"):
            raw = drive_ours(lab, m, first=0, choose=None, settle=True, think=think,
                             spans=LONG_SPANS)
        elif name in image_switch.NAMES:
            raw = image_switch.drive(lab, name, m, think=image_think)
        elif name in ("pigeon", "pigeonxt"):
            raw = drive_click(lab, m, first=0, button="Positive", think=think)
        elif name in ("ipyannotations", "superintendent"):
            raw = drive_keys(lab, m, first=0, key="1", think=think,
                             hover=".jp-NotebookPanel:visible .jp-OutputArea-output .lm-Widget")
        else:
            raise ValueError(name)
        lab.screenshot(f"bench_task_switch_{name}")
        return raw
    finally:
        session.done_with(lab)


def figures(raw: dict) -> dict:
    out = {k: v for k, v in raw.items() if k not in ("lat", "post", "handler")}
    for key in ("lat", "post", "handler"):
        out[key] = b.summary(raw[key][WARMUP:])
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--tasks", type=int, default=200, help="measured switches per case")
    ap.add_argument("--only", default="", help="comma-separated case names")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    ap.add_argument("--think", type=float, default=0.15,
                    help="pause (s) before each measured input, after choosing an option: a "
                         "person's think time; the kernel's answers to the previous input settle")
    ap.add_argument("--image-think", type=float, default=1.0,
                    help="the same pause for the image cases (a person looks at a photo)")
    args = ap.parse_args(argv)

    tmp = Path(tempfile.mkdtemp(prefix="lw-bench-nb-"))
    cases = notebooks(tmp, args.tasks)
    wanted = [c for c in args.only.split(",") if c] or list(cases)
    kernels = sorted({cases[c][1] for c in wanted} - {b.PROJECT_KERNEL})
    if set(wanted) & set(image_switch.NAMES):
        image_switch.make_images(tmp / "images", args.tasks + WARMUP + 10)
    session = b.start(tmp, kernels)
    results, problems = {}, {}
    info = {"machine": b.machine(), "commit": b.git_head(), "tasks": args.tasks,
            "think_s": args.think}
    info["peer_versions"] = {
        k: b.venv_versions(b.PEER_VENVS[k][0] / "bin" / "python",
                           ["pigeon-jupyter", "ipyannotations", "superintendent", "ipywidgets",
                            "pigeonxt-jupyter", "jupyter-innotater", "ipyevents"])
        for k in kernels if (b.PEER_VENVS[k][0] / "bin" / "python").exists()
    }  # fmt: skip
    try:
        for name in wanted:
            notebook, _kernel = cases[name]
            b.log(f"== {name}")
            try:
                results[name] = figures(run_case(session, name, notebook, args.tasks,
                                                     args.think, args.image_think))
                f = results[name]["lat"]
                b.log(f"   p50 {f['p50']:.1f} ms  p95 {f['p95']:.1f} ms  (n={f['n']})")
            except Exception as exc:
                problems[name] = f"{type(exc).__name__}: {str(exc)[:600]}"
                b.log(f"   could not run: {problems[name]}")
    finally:
        session.close()
    info["machine"]["load_average_end"] = b.machine()["load_average"]
    report(results, problems, info)
    if args.json:
        args.json.write_text(json.dumps({"info": info, "results": results,
                                         "problems": problems}, indent=1))
    return 0


def report(results, problems, info) -> None:
    print(f"# task_switch  (commit {info['commit']}, {info['tasks']} tasks per case)")
    print("# " + ", ".join(f"{k}: {v}" for k, v in info["machine"].items()))
    for k, v in info.get("peer_versions", {}).items():
        print(f"# kernel {k}: " + ", ".join(f"{n} {ver}" for n, ver in v.items()))
    print(f"{'case':18} {'p50 ms':>8} {'p95 ms':>8} {'mean':>7} {'max':>7} {'<=1 frame':>9}"
          f" {'after-frame p50/p95':>20} {'handler p50':>11}")
    ours = results.get("ours-text", {}).get("lat")
    for name, r in results.items():
        f, post, hnd = r["lat"], r["post"], r["handler"]
        print(f"{name:18} {f['p50']:8.1f} {f['p95']:8.1f} {f['mean']:7.1f} {f['max']:7.1f}"
              f" {f['within_frame']:9.0%} {post['p50']:9.1f} / {post['p95']:7.1f}"
              f" {hnd['p50']:11.1f}")
    if ours:
        for name, r in results.items():
            if name.startswith("ours"):
                continue
            f = r["lat"]
            print(f"ratio {name} / ours-text: p50 x{f['p50'] / ours['p50']:.1f}, "
                  f"p95 x{f['p95'] / ours['p95']:.1f}")
    for name, r in results.items():
        if "submits_in_dataframe" in r:
            print(f"{name}: {r['submits_in_dataframe']}/{r['expected']} submits in the DataFrame")
    for name, why in problems.items():
        print(f"{name}: could not run: {why}")


if __name__ == "__main__":
    raise SystemExit(main())
