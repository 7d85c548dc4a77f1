"""Audio (issue 12 item 1), headless: the Audio tag, segment cells in seconds, per-segment
transcriptions, Label Studio JSON round trips checked by Label Studio's SDK, JSON-MIN/CSV against
Label Studio's converter, audio sources (path, bytes, array with rate, URL) sent once as binary,
and bad audio named by row and column while the other tasks stay labelable."""

from __future__ import annotations

import json
import wave
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from label_studio_sdk.converter import Converter
from label_studio_sdk.label_interface import LabelInterface

import labelwidget as lw
import labelwidget.formats as F
from labelwidget import audio as audio_module
from labelwidget.audio import AudioStore, wav_peaks
from labelwidget.config import ConfigError, parse_config
from tests.comm import browser_says
from tests.corpus import templates_dir

SEGMENTS = """<View>
  <Labels name="labels" toName="audio"><Label value="Speech" hotkey="s"/><Label value="Noise"/>
  </Labels>
  <Audio name="audio" value="$audio"/>
  <TextArea name="transcription" toName="audio" perRegion="true" required="true"/>
  <Choices name="quality" toName="audio"><Choice value="Clean"/><Choice value="Noisy"/></Choices>
</View>"""


def write_wav(path: Path, seconds: float = 1.0, rate: int = 16000, freq: float = 440.0,
              channels: int = 1) -> Path:
    """A sine tone as 16-bit PCM WAV, written with the standard library."""
    t = np.arange(int(seconds * rate)) / rate
    tone = (0.5 * np.sin(2 * np.pi * freq * t) * 32767).astype("<i2")
    frames = np.repeat(tone[:, None], channels, axis=1)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(frames.tobytes())
    return path


@pytest.fixture
def tones(tmp_path):
    return [str(write_wav(tmp_path / f"t{i}.wav", seconds=2.0, freq=300 + 100 * i))
            for i in range(3)]


def validate(config: str, tasks: list[dict]) -> None:
    interface = LabelInterface(config)
    for task in tasks:
        for annotation in task.get("annotations", []):
            assert interface.validate_annotation(annotation), annotation


# -- the tag and the segment cell ---------------------------------------------------------------


def test_audio_and_audioplus_are_the_same_tag():
    for tag in ("Audio", "AudioPlus"):
        config = parse_config(SEGMENTS.replace("<Audio ", f"<{tag} "))
        assert config.objects["audio"].tag_name == "Audio"
        assert config.controls["labels"].on_audio


def test_a_segment_is_seconds_with_labels_and_an_id():
    labels = parse_config(SEGMENTS).controls["labels"]
    [one, two] = labels.check_value([
        {"start": 0, "end": 1.5, "labels": "Speech"},
        {"id": 7, "start": 1.0, "end": 2, "channel": 0, "labels": ["Noise"], "score": 0.5},
    ])
    assert one["start"] == 0.0 and one["end"] == 1.5 and one["labels"] == ["Speech"]
    assert isinstance(one["id"], str) and len(one["id"]) == 10
    # overlapping segments are fine; other keys are kept; ids are text
    assert two == {"id": "7", "start": 1.0, "end": 2.0, "channel": 0, "labels": ["Noise"],
                   "score": 0.5}
    # the same cell gives the same derived id twice (an export reproduces its region ids)
    assert labels.check_value([{"start": 0, "end": 1.5, "labels": ["Speech"]}])[0]["id"] == \
        one["id"]


@pytest.mark.parametrize(("segment", "message"), [
    ({"end": 1, "labels": ["Speech"]}, "segment 0: missing 'start' in seconds"),
    ({"start": 2, "end": 1, "labels": ["Speech"]},
     "segment 0: start (2 s) must be at least 0 and less than end (1 s)"),
    ({"start": -1, "end": 1, "labels": ["Speech"]}, "must be at least 0"),
    ({"start": "0", "end": 1, "labels": ["Speech"]}, "segment 0: start='0' is not a number"),
    ({"start": 0, "end": float("nan"), "labels": ["Speech"]}, "end=nan is not a number"),
    ({"start": 0, "end": 1}, "segment 0: missing 'labels'"),
    ({"start": 0, "end": 1, "labels": ["Music"]},
     "segment 0: 'Music' is not a label of labels (labels: Speech, Noise)"),
    ({"start": 0, "end": 1, "labels": ["Speech", "Noise"]}, "allows one (choice=\"single\")"),
    ({"start": 0, "end": 1, "labels": ["Speech"], "channel": -1}, "channel must be a whole"),
])
def test_a_bad_segment_is_named(segment, message):
    labels = parse_config(SEGMENTS).controls["labels"]
    with pytest.raises(ValueError) as err:
        labels.check_value([segment])
    assert message in str(err.value)


def test_max_usages_counts_segments():
    config = parse_config(SEGMENTS.replace('<Label value="Noise"/>',
                                           '<Label value="Noise" maxUsages="1"/>'))
    with pytest.raises(ValueError, match="'Noise' is used on 2 segments, at most 1"):
        config.controls["labels"].check_value([
            {"start": 0, "end": 1, "labels": ["Noise"]}, {"start": 1, "end": 2,
                                                          "labels": ["Noise"]}])


def test_audio_hotkey_plays_and_a_widget_key_is_ignored_with_a_warning():
    config = parse_config('<View><Audio name="a" value="$a" hotkey="Ctrl+P"/>'
                          '<Choices name="c" toName="a"><Choice value="x"/></Choices></View>')
    assert config.objects["a"].play_key == "ctrl+p"
    with pytest.warns(lw.ConfigWarning, match="it is the widget's own key \\(submit\\)"):
        config = parse_config('<View><Audio name="a" value="$a" hotkey="ctrl+enter"/>'
                              '<Choices name="c" toName="a"><Choice value="x"/></Choices>'
                              '</View>')
    assert config.objects["a"].play_key == "space"
    with pytest.raises(ConfigError, match='hotkey="ctrl\\+" is not a key'):
        parse_config('<View><Audio name="a" value="$a" hotkey="ctrl+"/></View>')


# -- the annotator: segments, transcriptions, bad audio -----------------------------------------


def test_segments_and_their_transcriptions_land_in_the_dataframe(tones):
    df = pd.DataFrame({"audio": tones})
    ann = lw.Annotator(df, SEGMENTS)
    ann.set("labels", [{"id": "s1", "start": 0.25, "end": 1.0, "labels": ["Speech"]},
                       {"id": "n1", "start": 0.5, "end": 1.75, "labels": ["Noise"]}])
    ann.set("transcription", {"s1": "hello"})
    with pytest.raises(ValueError, match='transcription: region "n1" \\(Noise\\) needs a value'):
        ann.submit()
    ann.set("transcription", {"s1": "hello", "n1": "hum"})
    ann.set("quality", "Noisy")
    ann.submit()
    assert df.at[0, "labels"] == [
        {"id": "s1", "start": 0.25, "end": 1.0, "labels": ["Speech"]},
        {"id": "n1", "start": 0.5, "end": 1.75, "labels": ["Noise"]}]
    assert df.at[0, "transcription"] == {"s1": "hello", "n1": "hum"}
    assert df.at[0, "quality"] == "Noisy"


def test_the_cheat_sheet_lists_the_playback_keys(tones):
    ann = lw.Annotator(pd.DataFrame({"audio": tones}), SEGMENTS)
    help_rows = {key: what for key, what in ann.toolbar.help}
    assert help_rows["space"].startswith("audio: play / pause")
    assert help_rows["shift+arrowleft"] == "audio: seek 1 s back"
    assert help_rows["s"] == "labels: Speech"


def test_one_segment_cell_stays_a_list(tones):
    # pandas 3 stores a one-element list of dicts as the dict unless written through .at
    df = pd.DataFrame({"audio": tones})
    ann = lw.Annotator(df, SEGMENTS.replace('required="true"', ""))
    ann.set("labels", [{"id": "s1", "start": 0.25, "end": 1.0, "labels": ["Speech"]}])
    ann.submit()
    assert isinstance(df.at[0, "labels"], list) and len(df.at[0, "labels"]) == 1


def test_a_missing_or_undecodable_file_is_named_and_the_other_tasks_stay_labelable(tmp_path,
                                                                                   tones):
    (tmp_path / "noise.wav").write_bytes(b"RIFF\x10\x00\x00\x00WAVEjunk")
    (tmp_path / "text.wav").write_text("hello, not audio")
    df = pd.DataFrame({"audio": [str(tmp_path / "gone.wav"), str(tmp_path / "noise.wav"),
                                 str(tmp_path / "text.wav"), tones[0]]},
                      index=["a", "b", "c", "d"])
    ann = lw.Annotator(df, SEGMENTS.replace('required="true"', ""))
    widget = ann._compiled.parts[0].widget
    data = {json.loads(key): payload["data"] for key, payload in widget.tasks.items()}
    assert "cannot read audio" in data["a"]["error"] and "gone.wav" in data["a"]["error"]
    assert "is not a WAV file that can be read" in data["b"]["error"]
    assert "is not audio in a format browsers play" in data["c"]["error"]
    ann.set("quality", "Clean")
    with pytest.raises(ValueError, match="cannot submit task 'a': its data cannot be shown "
                                         "\\(cannot read audio"):
        ann.submit()
    ann.skip()  # the bad task can be skipped, and the next ones labeled
    ann.go_to("d")
    ann.set("quality", "Clean")
    ann.submit()
    assert df.at["d", "quality"] == "Clean"
    assert ann.toolbar.progress["skipped"] == 1


# -- Label Studio JSON, the SDK, the converter ---------------------------------------------------


def template_example(name: str) -> tuple[str, dict]:
    """A template's config and its example task (data and annotations), as Label Studio's
    own template files carry them."""
    text = (templates_dir() / "audio-speech-processing" / name).read_text()
    config, _, comment = text.partition("<!--")
    return config, json.loads(comment.rsplit("-->", 1)[0])


@pytest.mark.parametrize("name", ["automatic-speech-recognition-using-segments.xml",
                                  "intent-classification.xml", "sound-event-detection.xml",
                                  "speaker-segmentation.xml", "signal-quality-detection.xml",
                                  "automatic-speech-recognition.xml"])
def test_label_studio_template_annotations_round_trip(name, tones):
    config, task = template_example(name)
    task = {"id": 1, **task, "data": {**task["data"], "audio": tones[0]}}
    validate(config, [task])  # (their own example is valid)
    with pytest.warns(lw.ConfigWarning) if "hotkey" in config or "icon" in config else \
            _nothing():
        df = lw.from_label_studio([task], config)
        exported = F.to_label_studio(df, config)
    validate(config, exported)
    def plain(results):
        # Segment ids (wavesurfer_...) are kept; a whole-audio result's id is the export's own
        # (a DataFrame cell has no result id), and we add the origin.
        return sorted(({k: v for k, v in r.items() if k != "origin" and
                        (k != "id" or "start" in r["value"])} for r in results),
                      key=lambda r: (r["from_name"], r.get("id", "")))

    assert plain(exported[0]["annotations"][0]["result"]) == \
        plain(task["annotations"][0]["result"])


class _nothing:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def test_export_of_segments_passes_the_sdk_and_reads_back(tones):
    df = pd.DataFrame({"audio": tones[:2]})
    df["labels"] = pd.Series([[{"id": "a", "start": 0.1, "end": 0.9, "labels": ["Speech"]},
                               {"id": "b", "start": 0.5, "end": 1.9, "channel": 0,
                                "labels": ["Noise"]}], None], dtype=object)
    df["transcription"] = pd.Series([{"a": "one", "b": "two"}, None], dtype=object)
    tasks = F.to_label_studio(df, SEGMENTS)
    validate(SEGMENTS, tasks)
    back = lw.from_label_studio(tasks, SEGMENTS)
    assert back.at[0, "labels"] == df.at[0, "labels"]
    assert back.at[0, "transcription"] == {"a": "one", "b": "two"}
    assert tasks[1].get("annotations", []) == []


def test_a_per_segment_result_for_no_segment_is_refused(tones):
    task = {"id": 3, "data": {"audio": tones[0]}, "annotations": [{"result": [
        {"id": "zz", "from_name": "transcription", "to_name": "audio", "type": "textarea",
         "value": {"start": 0, "end": 1, "text": ["lost"]}}]}]}
    with pytest.raises(ValueError, match="region ids"):
        lw.from_label_studio([task], SEGMENTS)


@pytest.mark.parametrize(("fmt", "ours_name", "theirs_name"),
                         [("JSON_MIN", "json_min", "result.json"), ("CSV", "csv", "result.csv")])
def test_json_min_and_csv_equal_label_studio_for_segments(tmp_path, tones, fmt, ours_name,
                                                          theirs_name):
    config = SEGMENTS.replace('required="true"', "")
    df = pd.DataFrame({"audio": tones})
    df["labels"] = pd.Series([
        [{"id": "a", "start": 0.1, "end": 0.9, "labels": ["Speech"]},
         {"id": "b", "start": 0.5, "end": 1.9, "labels": ["Noise"]}],
        [{"id": "c", "start": 1.0, "end": 1.5, "labels": ["Speech"]}], None], dtype=object)
    df["transcription"] = pd.Series([{"a": "one"}, {"c": "three"}, None], dtype=object)
    df["quality"] = pd.Series(["Clean", None, None], dtype=object)
    meta = {i: {"completed_by": 1, "id": 10 + i, "created_at": "2024-01-02T10:00:00.000000Z",
                "lead_time": 2.5} for i in range(2)}  # task 2: nobody labeled its segments
    tasks = F.export(df, config, "label_studio", tmp_path / "tasks.json", meta=meta)
    out = tmp_path / "ls"
    Converter(config, project_dir=None, download_resources=False).convert(
        str(tasks), str(out), fmt, is_dir=False)
    ours = F.export(df, config, ours_name, tmp_path / f"ours.{theirs_name.split('.')[1]}",
                    meta=meta)
    if fmt == "CSV":
        assert ours.read_bytes() == (out / theirs_name).read_bytes()
    else:
        assert json.loads(ours.read_text()) == json.loads((out / theirs_name).read_text())


# -- sources, sent once as binary -----------------------------------------------------------------


def test_sources_path_bytes_array_and_url(tmp_path, tones):
    store = AudioStore()
    from_path = store.describe(tones[0])["audio"]
    assert from_path["mime"] == "audio/wav" and from_path["rate"] == 16000
    assert from_path["duration"] == pytest.approx(2.0)
    raw = Path(tones[0]).read_bytes()
    from_bytes = store.describe(raw)["audio"]
    assert store.get(from_bytes["key"]).data == raw
    samples = np.sin(np.linspace(0, 100, 8000)).astype(np.float32)
    for cell in [(samples, 8000), {"array": samples, "sampling_rate": 8000}]:
        described = store.describe(cell)["audio"]
        assert described["duration"] == pytest.approx(1.0) and described["rate"] == 8000
        with wave.open(__import__("io").BytesIO(store.get(described["key"]).data)) as w:
            decoded = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2") / 32767
        assert np.allclose(decoded, samples, atol=1e-4)
    assert store.describe("https://example.org/a.mp3") == {"url": "https://example.org/a.mp3"}
    assert "needs its sample rate" in store.describe(samples)["error"]
    assert "sample rate 12 is not a rate" in store.describe((samples, 12))["error"]
    assert store.describe(None) == {"error": "no audio in this task"}
    assert "cannot play a int as audio" in store.describe(5)["error"]


def test_long_wav_gets_its_peaks_from_python(tmp_path, monkeypatch):
    monkeypatch.setattr(audio_module, "PEAKS_FROM", 1.0)
    path = write_wav(tmp_path / "long.wav", seconds=2.0, rate=8000)
    store = AudioStore()
    loaded = store.get(store.describe(str(path))["audio"]["key"])
    pairs = np.frombuffer(loaded.peaks, dtype=np.int8).reshape(-1, 2)
    assert len(pairs) == -(-16000 // 256)
    # a sine of amplitude 0.5: 16383 of 32768, 63 of 127 once rounded
    assert pairs[:, 0].min() == -63 and pairs[:, 1].max() == 63
    assert loaded.peaks == wav_peaks(loaded.data)
    short = write_wav(tmp_path / "short.wav", seconds=0.5)
    assert store.get(store.describe(str(short))["audio"]["key"]).peaks is None


def test_audio_is_sent_once_when_the_browser_asks(tones, monkeypatch):
    df = pd.DataFrame({"audio": tones})
    ann = lw.Annotator(df, SEGMENTS)
    widget = ann._compiled.parts[0].widget
    sent = []
    monkeypatch.setattr(widget, "send", lambda content, buffers=None: sent.append(
        (content, buffers)))
    held = [p["data"]["audio"]["key"] for p in widget.tasks.values()]
    assert len(set(held)) == 3  # the tasks around the shown one are named, without bytes
    browser_says(widget, {"type": "audios", "keys": [*held[:2], "unknown"]})
    assert [c["key"] for c, _ in sent] == [*held[:2], "unknown"]
    assert sent[0][0]["mime"] == "audio/wav" and sent[0][1] == [Path(
        next(t for t in tones if widget.audio.describe(t)["audio"]["key"] == held[0])
    ).read_bytes()]
    assert "no longer known" in sent[2][0]["error"]
    # switching tasks sends payloads that name the audio, never its bytes
    ann.next()
    assert all("audio" in p["data"] and "data" not in p["data"]["audio"]
               for p in widget.tasks.values())


def test_a_long_file_sends_its_waveform_before_its_bytes(tmp_path, monkeypatch):
    monkeypatch.setattr(audio_module, "PEAKS_FROM", 1.0)
    path = write_wav(tmp_path / "long.wav", seconds=2.0, rate=8000)
    ann = lw.Annotator(pd.DataFrame({"audio": [str(path)]}), SEGMENTS)
    widget = ann._compiled.parts[0].widget
    sent = []
    monkeypatch.setattr(widget, "send", lambda content, buffers=None: sent.append(
        (content, buffers)))
    key = next(iter(widget.tasks.values()))["data"]["audio"]["key"]
    browser_says(widget, {"type": "audios", "keys": [key]})
    (early, early_buffers), (full, full_buffers) = sent
    peaks = wav_peaks(path.read_bytes())
    assert early == {"type": "audio", "key": key, "early": True, "block": 256}
    assert early_buffers == [peaks]  # 2 x 63 pairs, not the 32 KB of samples
    assert full["peaks"] is True and full_buffers == [path.read_bytes(), peaks]
