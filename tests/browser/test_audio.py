"""Audio in a real JupyterLab (issue 12 items 1 and 6): a person drags a segment on the
waveform, labels it by its hotkey, plays it (the media element's currentTime advances), types
its transcription, submits, and the DataFrame in the kernel holds both; a missing file is said
in the widget, naming row and column, and the next task is labelable; audio the browser cannot
decode is said the same way.

The notebook writes its own test audio (numpy tones as WAV with the standard library).
"""

from __future__ import annotations

from tests.browser.helpers import open_notebook

NOTEBOOK = "audio_scenarios.ipynb"

SOURCE = '''\
import wave
import numpy as np
import pandas as pd
import labelwidget as lw

def tone(path, seconds=4.0, rate=16000, freq=330.0):
    t = np.arange(int(seconds * rate)) / rate
    samples = 0.4 * np.sin(2 * np.pi * freq * t) * (0.5 + 0.5 * np.sin(2 * np.pi * 0.5 * t))
    with wave.open(path, "wb") as w:
        w.setnchannels(1); w.setsampwidth(2); w.setframerate(rate)
        w.writeframes((samples * 32767).astype("<i2").tobytes())
    return path

config = """
<View>
  <Audio name="audio" value="$audio"/>
  <Labels name="labels" toName="audio">
    <Label value="Speech" hotkey="s"/><Label value="Noise" hotkey="n"/>
  </Labels>
  <TextArea name="transcription" toName="audio" perRegion="true" placeholder="what is said"/>
</View>
"""
with open("broken.mp3", "wb") as f:  # an MP3 header, then bytes no decoder reads
    f.write(b"ID3" + bytes(range(256)) * 40)
df = pd.DataFrame({"audio": [tone("a1.wav"), "gone.wav", tone("a3.wav", freq=550.0),
                             "broken.mp3"]}, index=["a1", "a2", "a3", "a4"])
ann = lw.Annotator(df, config)
ann
'''

MEDIA = "document.querySelector('.lw-audio .lw-audio-media')"


def open_first_task(lab):
    """The scenario notebook run, its first audio drawn and playable: (page, the Audio's
    element, its canvas, the canvas's box, the audio's duration in seconds)."""
    page = open_notebook(lab, NOTEBOOK, SOURCE)
    audio = page.locator('.lw-audio[data-object="audio"]')
    page.wait_for_function("() => document.querySelector('.lw-audio').dataset.drawn === '\"a1\"'"
                           " && document.querySelector('.lw-audio').dataset.ready === '1'",
                           timeout=30_000)
    canvas = audio.locator(".lw-audio-canvas")
    canvas.scroll_into_view_if_needed()
    return page, audio, canvas, canvas.bounding_box(), float(audio.get_attribute("data-duration"))


def test_drag_label_play_transcribe_submit(lab):
    page, audio, canvas, box, duration = open_first_task(lab)
    assert abs(duration - 4.0) < 0.01
    # Drag from 25 % to 60 % of the waveform, like a person, in steps.
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.25, y)
    page.mouse.down()
    for step in range(1, 11):
        page.mouse.move(box["x"] + box["width"] * (0.25 + 0.035 * step), y)
    page.mouse.up()
    page.keyboard.press("s")  # label the range drawn by the label's hotkey
    segments = lab.wait_until_kernel("ann.values['labels']")
    [segment] = segments
    seconds_per_px = duration / box["width"]
    assert segment["labels"] == ["Speech"]
    assert abs(segment["start"] - 1.0) <= 2 * seconds_per_px
    assert abs(segment["end"] - 2.4) <= 2 * seconds_per_px

    # Play it: the segment is selected, so Space plays it from its start.
    page.keyboard.press("Space")
    page.wait_for_function(f"() => {MEDIA}.currentTime > {segment['start'] + 0.3}",
                           timeout=15_000)
    # ... and stops at its end.
    page.wait_for_function(f"() => {MEDIA}.paused && {MEDIA}.currentTime >= {segment['end']}",
                           timeout=15_000)

    # Its transcription: the per-region TextArea edits the selected segment.
    field = page.locator('.lw-annotator [data-control="transcription"] .lw-text-field').first
    field.wait_for(state="visible")
    field.fill("hello world")
    lab.screenshot("audio_segment_transcribed", locator=page.locator(".lw-annotator").first)
    page.keyboard.press("Control+Enter")  # submit while typing
    cell = lab.wait_until_kernel("df.at['a1', 'transcription']")
    assert cell == {segment["id"]: "hello world"}
    assert lab.kernel_eval_json("df.at['a1', 'labels']") == [segment]
    exported = lab.kernel_eval_json("ann.to_label_studio()[0]['annotations'][0]['result']")
    assert sorted(r["type"] for r in exported) == ["labels", "textarea"]
    assert all(r["id"] == segment["id"] for r in exported)

    # The next task's file is missing: said in the widget, naming row and column.
    note = audio.locator(".lw-audio-note.lw-error")
    note.wait_for()
    assert 'row "a2", column “audio”: cannot read audio' in note.inner_text()
    lab.screenshot("audio_missing_file", locator=page.locator(".lw-annotator").first)
    # ... and the task after it can be labeled as usual.
    page.locator(".lw-annotator button", has_text="Next").first.click()
    page.wait_for_function("() => document.querySelector('.lw-audio').dataset.drawn === '\"a3\"'"
                           " && document.querySelector('.lw-audio').dataset.ready === '1'")
    assert not note.is_visible()
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.1, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.3, y, steps=5)
    page.mouse.up()
    page.keyboard.press("n")
    page.keyboard.press("Enter")
    [noise] = lab.wait_until_kernel("df.at['a3', 'labels']")
    assert noise["labels"] == ["Noise"]
    assert lab.kernel_eval_json("df.at['a2', 'labels']") is None  # nothing lost or invented

    # The submit moved on to a4, whose bytes the browser cannot decode: said in the widget.
    page.wait_for_function("() => document.querySelector('.lw-audio').dataset.drawn !== '\"a3\"'"
                           " || document.querySelector('.lw-audio-note.lw-error')")
    note.wait_for()
    assert 'row "a4", column “audio”: the browser cannot decode this audio' in note.inner_text()
    page.keyboard.press("Enter")  # nobody heard it: not submitted as done
    page.locator(".lw-message.lw-error", has_text="the audio cannot be played").wait_for()
    assert lab.kernel_eval_json("df.at['a4', 'labels']") is None


def test_move_resize_and_delete_a_segment(lab):
    """A drawn segment is moved by dragging its middle, resized by dragging its end edge, and
    deleted from the segment list; each finished change reaches the kernel's value."""
    page, audio, _, box, duration = open_first_task(lab)
    slack = 2 * duration / box["width"]  # two pixels, in seconds
    y = box["y"] + box["height"] / 2
    at = lambda fraction: box["x"] + box["width"] * fraction  # noqa: E731

    def drag(start: float, end: float) -> None:
        page.mouse.move(at(start), y)
        page.mouse.down()
        page.mouse.move(at(end), y, steps=8)
        page.mouse.up()

    drag(0.2, 0.4)
    page.keyboard.press("s")
    [drawn] = lab.wait_until_kernel("ann.values['labels']")
    assert abs(drawn["start"] - 0.8) <= slack and abs(drawn["end"] - 1.6) <= slack

    drag(0.3, 0.5)  # the middle, 20 % later: the whole segment moves, its length kept
    [moved] = lab.wait_until_kernel(f"[s for s in ann.values['labels'] "
                                    f"if s['start'] > {drawn['start'] + 0.4}]")
    assert moved["id"] == drawn["id"]
    assert abs(moved["start"] - 1.6) <= slack and abs(moved["end"] - 2.4) <= slack

    drag(0.6, 0.75)  # its end edge: only the end follows
    [resized] = lab.wait_until_kernel(f"[s for s in ann.values['labels'] "
                                      f"if s['end'] > {moved['end'] + 0.4}]")
    assert resized["start"] == moved["start"]
    assert abs(resized["end"] - 3.0) <= slack

    row = audio.locator(f'.lw-audio-segment[data-region="{resized["id"]}"]')
    assert "0:01.6" in row.inner_text() and "0:03.0" in row.inner_text()
    lab.screenshot("audio_segment_resized", locator=page.locator(".lw-annotator").first)
    row.locator('button[title="Delete this segment"]').click()
    lab.wait_until_kernel("ann.values['labels'] == []")
    assert not audio.locator(".lw-audio-segment").count()
