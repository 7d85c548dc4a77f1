"""Sample rows for the playground: a cell for every ``$column`` a config reads, made up from
the object tag that reads it, so any config can be tried before there is data.

Texts come from the bundled reviews (``datasets.py``); images and audio are drawn here (PNG and
WAV bytes), so nothing is fetched and nothing is written to disk.
"""

from __future__ import annotations

import io
import math
import struct
import wave
from typing import Any

import pandas as pd

from ..config import LabelConfig
from ..datasets import reviews

ROWS = 4

_PROMPTS = ["Summarise the review in one sentence.", "Is the product worth its price?",
            "What would you ask the seller?", "Name the product's best feature."]
_ANSWERS = ["It works well but broke after two weeks.", "Yes, if you travel a lot.",
            "Does the warranty cover the ear cups?", "The battery life."]


def sample_rows(config: LabelConfig, rows: int = ROWS) -> pd.DataFrame:
    """``rows`` tasks with a made-up cell for every column ``config`` reads (index 0..rows-1)."""
    df = pd.DataFrame(index=pd.RangeIndex(rows, name="task"))
    add_columns(df, config)
    return df


def add_columns(df: pd.DataFrame, config: LabelConfig) -> None:
    """Add a made-up cell for each column ``config`` reads that ``df`` lacks (in place)."""
    kinds = _column_kinds(config)
    for column in config.columns:
        if column not in df.columns:
            kind = kinds.get(column, "")
            df[column] = pd.Series([_cell(kind, column, i) for i in range(len(df))],
                                   index=df.index, dtype=object)


def _column_kinds(config: LabelConfig) -> dict[str, str]:
    kinds: dict[str, str] = {}
    for tag in config.walk():
        column = getattr(tag, "column", None)
        if isinstance(column, str) and column:
            kinds.setdefault(column.split("[", 1)[0], tag.tag_name.lower())
    return kinds


def _cell(kind: str, column: str, i: int) -> Any:
    texts = reviews()["text"].tolist()
    if kind == "image":
        return _image(i)
    if kind in ("audio", "audioplus"):
        return _audio(i)
    if kind == "paragraphs":
        return [{"author": "customer", "text": texts[i % len(texts)]},
                {"author": "support", "text": "Sorry to hear that. Could you tell us more?"},
                {"author": "customer", "text": "It happens every day since I bought it."}]
    if kind == "chat":
        return [{"role": "user", "content": _PROMPTS[i % len(_PROMPTS)]},
                {"role": "assistant", "content": _ANSWERS[i % len(_ANSWERS)]}]
    if kind == "list":
        return [{"id": f"a{j}", "title": f"Answer {j}", "body": _ANSWERS[(i + j) % len(_ANSWERS)]}
                for j in range(1, 4)]
    if kind == "table":
        return {"product": "headphones", "price": 79 + i, "rating": 4}
    if kind == "hypertext":
        return f"<p><b>Review {i + 1}:</b> {texts[i % len(texts)]}</p>"
    if column == "prompt":
        return _PROMPTS[i % len(_PROMPTS)]
    if column == "answer":
        return _ANSWERS[i % len(_ANSWERS)]
    return texts[i % len(texts)]


def _image(i: int) -> bytes:
    """A 320x200 PNG with a circle and a square, placed differently on each row."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (320, 200), (235, 238, 242))
    draw = ImageDraw.Draw(image)
    x = 30 + 40 * (i % 4)
    draw.ellipse((x, 40, x + 70, 110), fill=(230, 25, 75))
    draw.rectangle((190, 90 - 10 * (i % 3), 270, 170 - 10 * (i % 3)), fill=(67, 99, 216))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _audio(i: int, rate: int = 8000, seconds: float = 2.0) -> bytes:
    """A WAV of a tone, a pause and a second tone (16-bit mono), pitched by row."""
    frames = bytearray()
    pitch = 330 + 110 * (i % 4)
    for n in range(int(rate * seconds)):
        t = n / rate
        on = t < 0.7 or t > 1.2
        sample = 0.4 * math.sin(2 * math.pi * pitch * t) if on else 0.0
        frames += struct.pack("<h", int(sample * 32767))
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(bytes(frames))
    return out.getvalue()
