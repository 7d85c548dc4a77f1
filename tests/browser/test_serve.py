"""`labelwidget serve`: two people in two browser pages label one store, never the same task."""

from __future__ import annotations

import os
import signal
import sys

import harness
import pandas as pd

import labelwidget as lw

N = 24  # more than two windows of claims (prefetch + 3 each): both get a share at once
CONFIG = """<View>
  <Text name="text" value="$text"/>
  <Choices name="sentiment" toName="text" choice="single" showInline="true">
    <Choice value="Positive" hotkey="1"/><Choice value="Negative" hotkey="2"/>
  </Choices>
</View>
"""


def _serve(tmp_path, store):
    (tmp_path / "config.xml").write_text(CONFIG)
    pd.DataFrame({"id": [f"r{i:02d}" for i in range(N)],
                  "text": [f"review {i}: it was fine" for i in range(N)]}).to_csv(
        tmp_path / "tasks.csv", index=False)
    port = harness.free_port()
    proc = harness.spawn_logged(
        [sys.executable, "-m", "labelwidget.cli", "serve", str(tmp_path / "config.xml"),
         str(tmp_path / "tasks.csv"), "--store", store, "--overlap", "1", "--port", str(port)],
        tmp_path, None, tmp_path / "serve.log")
    if not harness.wait_until_serving(f"http://127.0.0.1:{port}/labelwidget-probe", proc, 60):
        os.killpg(proc.pid, signal.SIGTERM)
        raise AssertionError(f"labelwidget serve did not start: {_log(tmp_path)}")
    return proc, f"http://127.0.0.1:{port}/"


def _log(tmp_path) -> str:
    return (tmp_path / "serve.log").read_text(errors="replace")[-3000:]


def _processes(pid: int) -> str:
    """Voila's processes (state, CPU time): tells a busy kernel from one waiting on nothing."""
    lines = []
    for child in harness._descendants(pid):
        try:
            with open(f"/proc/{child}/stat") as f:
                stat = f.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{child}/cmdline") as f:
                cmd = f.read().replace("\0", " ")[:100]
        except OSError:
            continue
        lines.append(f"  {child} state={stat[0]} cpu_ticks={int(stat[11]) + int(stat[12])} {cmd}")
    return "\n".join(lines)


def _wait_for_widget(page, selector, tmp_path, proc):
    """Wait for the served widget; when it does not come, say what the page and Voila show."""
    try:
        page.locator(selector).wait_for(timeout=90_000)
    except Exception:
        page.screenshot(path=str(harness.SCREENSHOT_DIR / "serve_failed.png"))
        shown = page.evaluate("() => document.body ? document.body.innerText : ''")
        raise AssertionError(f"no {selector} after 90 s; the page shows: {shown[-1500:]!r}\n"
                             f"processes under labelwidget serve:\n{_processes(proc.pid)}\n"
                             f"Voila's log ends with:\n{_log(tmp_path)}") from None


def _label(page, key):
    """Focus the widget as a person does (click the text), choose by key, submit with Enter;
    return the text of the task labeled, or None when nothing is left to label."""
    text = page.locator(".lw-annotator .lw-text")
    shown = text.text_content()
    if page.locator(".lw-option.lw-on").count():
        return None  # the task on screen is already labeled: this person's share is done
    text.click()
    page.keyboard.press(key)
    page.locator(".lw-option.lw-on").wait_for()
    page.keyboard.press("Enter")
    page.wait_for_function(
        "s => { const t = document.querySelector('.lw-annotator .lw-text');"
        " const on = document.querySelector('.lw-option.lw-on');"
        " return t.textContent !== s || on !== null; }", arg=shown)
    return shown


def test_two_annotators_in_the_app_never_see_the_same_task(tmp_path, chromium_browser):
    store = tmp_path / "team.sqlite"
    proc, url = _serve(tmp_path, f"sqlite:///{store}")
    try:
        pages = {}
        for name in ("ann", "ben"):
            page = chromium_browser.new_page(viewport={"width": 1200, "height": 900})
            # Voila answers once it has run the notebook in a new kernel: wait for the widget,
            # not for the page's load event (which can take longer than 30 s under load).
            page.goto(f"{url}?annotator={name}", wait_until="commit", timeout=120_000)
            _wait_for_widget(page, ".lw-annotator .lw-text", tmp_path, proc)
            pages[name] = page
        seen = {"ann": [], "ben": []}
        active = {"ann": True, "ben": True}
        while any(active.values()):
            for name, key in (("ann", "1"), ("ben", "2")):
                if active[name]:
                    got = _label(pages[name], key)
                    if got is None:
                        active[name] = False
                    else:
                        seen[name].append(got)
        pages["ann"].screenshot(path=str(harness.SCREENSHOT_DIR / "serve_ann.png"))
        assert seen["ann"] and seen["ben"]
        assert not set(seen["ann"]) & set(seen["ben"])
        long = lw.load(store, by="annotator")
        assert len(long) == N and not long["task"].duplicated().any()
        assert set(long[long["annotator"] == "ann"]["sentiment"]) == {"Positive"}
        assert set(long[long["annotator"] == "ben"]["sentiment"]) == {"Negative"}
        assert sorted(seen["ann"] + seen["ben"]) == sorted(f"review {i}: it was fine"
                                                           for i in range(N))
        # A page without a name asks for one.
        page = chromium_browser.new_page()
        page.goto(url, wait_until="commit", timeout=120_000)
        _wait_for_widget(page, ".lw-serve-login input", tmp_path, proc)
        page.locator(".lw-serve-login input").fill("cat")
        page.locator(".lw-serve-login button").click()
        page.locator("text=Labeling as").wait_for(timeout=90_000)
        page.close()
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(30)
