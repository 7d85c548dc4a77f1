"""Issue 12 item 2 in a real JupyterLab: a person drags over a phrase that runs from one turn of
a dialogue into the next, labels it by its hotkey, submits with Enter, and the DataFrame in the
kernel holds the span in Label Studio's paragraph coordinates."""

from __future__ import annotations

from tests.browser.helpers import open_notebook

SETUP = '''
import pandas as pd
import labelwidget as lw

config = """
<View>
  <Paragraphs name="dialogue" value="$dialogue" layout="dialogue" nameKey="role"
              textKey="content"/>
  <ParagraphLabels name="ner" toName="dialogue">
    <Label value="PER" hotkey="p"/><Label value="ORG" hotkey="o"/>
  </ParagraphLabels>
  <Choices name="intent" toName="dialogue"><Choice value="greet"/><Choice value="ask"/></Choices>
</View>
"""
turns = [{"role": "user", "content": "Hello, I am Alice Smith"},
         {"role": "assistant", "content": "Hi Alice, Bob from Acme here."}]
bad = [{"role": "user", "text": "no content key"}]
df = pd.DataFrame({"dialogue": [turns, turns[:1], bad]},
                  index=pd.Index(["d1", "d2", "d3"], name="task"))
ann = lw.Annotator(df, config)
ann
'''

# Rect of the character at `offset` of turn `turn`'s words (page pixels).
CHAR_RECT = """
([turn, offset]) => {
  const phrase = document.querySelector(
    `.lw-span-text[data-object="dialogue"] .lw-turn[data-turn="${turn}"] .lw-phrase`);
  const walker = document.createTreeWalker(phrase, NodeFilter.SHOW_TEXT);
  let at = 0;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (offset < at + n.data.length) {
      const r = document.createRange();
      r.setStart(n, offset - at);
      r.setEnd(n, offset - at + 1);
      const q = [...r.getClientRects()].filter((x) => x.width > 0)[0] || r.getBoundingClientRect();
      return { left: q.left, right: q.right, top: q.top, bottom: q.bottom };
    }
    at += n.data.length;
  }
  throw new Error(`offset ${offset} beyond turn ${turn}`);
}
"""


def test_drag_a_phrase_across_two_turns_label_it_and_submit(lab):
    page = open_notebook(lab, "paragraphs.ipynb", SETUP)
    page.set_viewport_size({"width": 1280, "height": 1000})
    page.wait_for_selector('.lw-span-text[data-object="dialogue"] .lw-turn[data-turn="1"]')
    speakers = page.eval_on_selector_all(".lw-turn .lw-speaker", "ns => ns.map(n => n.textContent)")
    assert speakers == ["user", "assistant"]
    # Each speaker has a hue of their own in the dialogue layout.
    hues = page.eval_on_selector_all(
        ".lw-turn", "ns => ns.map(n => n.style.getPropertyValue('--lw-speaker-hue'))")
    assert len(set(hues)) == 2

    # Press on "Alice" in the user's turn, release after "Hi Alice" in the assistant's.
    page.locator('.lw-span-text[data-object="dialogue"]').scroll_into_view_if_needed()
    a = page.evaluate(CHAR_RECT, [0, 12])
    b = page.evaluate(CHAR_RECT, [1, 7])
    page.mouse.move(a["left"] + 1, (a["top"] + a["bottom"]) / 2)
    page.mouse.down()
    page.mouse.move(a["right"] + 20, (a["top"] + b["bottom"]) / 2, steps=4)
    page.mouse.move(b["right"] - 1, (b["top"] + b["bottom"]) / 2, steps=4)
    page.mouse.up()
    page.wait_for_selector('.lw-span-text[data-object="dialogue"] .lw-seg.lw-pending')
    page.keyboard.press("p")
    # Drawn by the browser at once, in both turns, without the names.
    page.wait_for_function(
        "[...document.querySelectorAll('.lw-span-text[data-object=\"dialogue\"] .lw-seg')]"
        ".map(n => n.textContent).join('|') === 'Alice Smith|Hi Alice'")
    assert page.locator('.lw-seg[data-chip="PER"]').count() == 1
    assert page.locator(".lw-span-row .lw-span-where").inner_text() == "0:12–1:8"
    lab.screenshot("paragraphs_span_across_turns", locator=page.locator(".lw-annotator"))

    page.keyboard.press("Enter")
    cell = lab.wait_until_kernel("df.at['d1', 'ner']")
    assert len(cell) == 1
    span = {k: v for k, v in cell[0].items() if k != "id"}
    assert span == {"start": "0", "end": "1", "startOffset": 12, "endOffset": 8,
                    "text": "Alice Smith\nHi Alice", "paragraphlabels": ["PER"]}
    exported = lab.kernel_eval_json("ann.to_label_studio()[0]['annotations'][0]['result'][0]")
    assert (exported["type"], exported["to_name"]) == ("paragraphlabels", "dialogue")
    assert lab.kernel_eval_json("ann.current") == "d2"  # the next dialogue is shown
    page.wait_for_function(
        "document.querySelectorAll('.lw-span-text[data-object=\"dialogue\"] .lw-turn').length"
        " === 1")

    # A dialogue whose turn lacks the text key is said in the widget, naming task, column and
    # turn; it cannot be submitted as done.
    page.keyboard.press("ArrowRight")
    message = page.locator('.lw-span-text[data-object="dialogue"] .lw-empty-cell')
    message.wait_for()
    assert message.inner_text().startswith(
        "the 'dialogue' cell of task 'd3': turn 0 has no 'content' (its keys: 'role', 'text'")
    lab.screenshot("paragraphs_bad_dialogue", locator=page.locator(".lw-annotator"))
    page.keyboard.press("Enter")  # refused in the browser, saying why
    page.wait_for_function(
        "(document.querySelector('.lw-message.lw-error')?.textContent || '')"
        ".startsWith(\"Cannot submit: the 'dialogue' cell of task 'd3'\")")
    assert lab.kernel_eval_json("[ann.current, df.at['d3', 'ner']]") == ["d3", None]


SYNCED = '''
import wave
import numpy as np
import pandas as pd
import labelwidget as lw

def tone(path, seconds=4.0, rate=16000, freq=330.0):
    t = np.arange(int(seconds * rate)) / rate
    samples = 0.4 * np.sin(2 * np.pi * freq * t)
    with wave.open(path, "wb") as w:
        w.setnchannels(1); w.setsampwidth(2); w.setframerate(rate)
        w.writeframes((samples * 32767).astype("<i2").tobytes())
    return path

config = """
<View>
  <Audio name="audio" value="$audio" sync="text"/>
  <Paragraphs name="text" value="$text" audioUrl="$audio" sync="audio" layout="dialogue"
              contextScroll="true"/>
  <ParagraphLabels name="label" toName="text"><Label value="Positive" hotkey="p"/></ParagraphLabels>
</View>
"""
turns = [{"author": "Mia", "text": "Don't you hate that?", "start": 0, "end": 1.0},
         {"author": "Vincent", "text": "Hate what?", "start": 1.0, "end": 2.0},
         {"author": "Mia", "text": "Uncomfortable silences.", "start": 2.0, "end": 4.0}]
df = pd.DataFrame({"audio": [tone("talk.wav")], "text": [turns]}, index=["c1"])
ann = lw.Annotator(df, config)
ann
'''

MEDIA = "document.querySelector('.lw-audio[data-object=\"audio\"] audio')"


def test_a_turns_play_button_plays_that_turn_on_the_synced_audio(lab):
    page = open_notebook(lab, "paragraphs_sync.ipynb", SYNCED)
    page.set_viewport_size({"width": 1280, "height": 1000})
    page.wait_for_function("() => { const a = document.querySelector('.lw-audio');"
                           " return a && a.dataset.ready === '1'; }", timeout=30_000)
    buttons = page.locator('.lw-span-text[data-object="text"] .lw-turn-play')
    assert buttons.count() == 3
    assert page.locator(".lw-turn-playing").count() == 0  # nothing played yet
    buttons.nth(1).click()  # "Hate what?", from 1 s to 2 s
    page.wait_for_function(f"{MEDIA}.currentTime > 1.1 && !{MEDIA}.paused", timeout=15_000)
    page.wait_for_function(
        "document.querySelector('.lw-turn.lw-turn-playing')?.dataset.turn === '1'")
    lab.screenshot("paragraphs_synced_turn_playing", locator=page.locator(".lw-annotator"))
    # It plays that turn only: the audio stops at the turn's end, not at the end of the file.
    page.wait_for_function(f"{MEDIA}.paused", timeout=15_000)
    stopped = page.evaluate(f"{MEDIA}.currentTime")
    assert 1.9 <= stopped < 3.0
    # The play button is no text selection: no span was started, and the kernel has none.
    assert page.locator(".lw-seg.lw-pending").count() == 0
    assert lab.kernel_eval_json("ann.values['label']") in (None, [])


LONG = SYNCED.replace(
    'turns = [{"author": "Mia"',
    'turns = [{"author": "AB"[i % 2], "text": f"line {i}", "start": i / 10, "end": (i + 1) / 10}'
    ' for i in range(40)]\nunused = [{"author": "Mia"')


def test_the_dialogue_follows_the_audios_own_playback_and_scrolls_with_context_scroll(lab):
    page = open_notebook(lab, "paragraphs_follow.ipynb", LONG)
    page.set_viewport_size({"width": 1280, "height": 1000})
    page.wait_for_function("() => { const a = document.querySelector('.lw-audio');"
                           " return a && a.dataset.ready === '1'; }", timeout=30_000)
    box = '.lw-span-text[data-object="text"]'
    assert page.evaluate(f"document.querySelector('{box}').scrollHeight >"
                         f" document.querySelector('{box}').clientHeight")  # it scrolls
    before = page.evaluate("window.scrollY")
    page.locator(".lw-audio-play").click()  # the Audio's own play button, from 0 s
    # Near the end of the audio the last turns play: marked, and scrolled into the box's view.
    page.wait_for_function(
        f"() => {{ const on = document.querySelector('{box} .lw-turn.lw-turn-playing');"
        " if (!on || Number(on.dataset.turn) < 30) return false;"
        f" const b = document.querySelector('{box}').getBoundingClientRect();"
        " const r = on.getBoundingClientRect();"
        " return r.top >= b.top - 1 && r.bottom <= b.bottom + 1; }", timeout=20_000)
    assert page.evaluate(f"document.querySelector('{box}').scrollTop") > 0
    assert page.evaluate("window.scrollY") == before  # the notebook itself did not move
    lab.screenshot("paragraphs_context_scroll", locator=page.locator(".lw-annotator"))
