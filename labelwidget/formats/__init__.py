"""Import and export: Label Studio JSON both ways, and JSON-MIN, CSV, COCO, YOLO, VOC, CoNLL
2003, spaCy and Hugging Face (Parquet, a Dataset folder) out. No Jupyter imports here:
exports run without a kernel.

``export(df, config, format, path)`` writes any registered format; this package is also the
registry (``lw.formats.names``, ``lw.formats["coco"].description``, ``lw.formats.register(...)``
for more; ``from labelwidget.formats import formats`` is the same object).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from ..config import parse_config
from ..config.columns import bind_columns
from ._images import ExportWarning, FormatError
from ._records import meta_from_history
from .coco import write_coco
from .conll import default_tokenizer, write_conll
from .csv import write_csv
from .hf_datasets import write_hf_dataset, write_hf_parquet
from .json_min import write_json_min
from .label_studio import (
    ImportIssue,
    LabelStudioImport,
    LabelStudioImportError,
    LabelStudioImportWarning,
    from_label_studio,
    iter_label_studio,
    read_label_studio,
    to_label_studio,
    write_label_studio,
)
from .spacy import write_spacy
from .voc import write_voc
from .yolo import write_yolo


@dataclass(frozen=True)
class Format:
    """One export format: ``write(df, config, path, *, meta, predictions, columns, **options)``
    writes it and returns the path; ``target`` says whether ``path`` is a "file" or a "dir"."""

    name: str
    write: Callable[..., Path]
    target: str
    description: str
    aliases: tuple[str, ...] = ()


class FormatRegistry:
    """Export formats by name (case-insensitive; "-" and "_" are the same)."""

    def __init__(self) -> None:
        # not _formats/_names: on the package (below) a submodule of that name would replace them
        self._registered: dict[str, Format] = {}
        self._spellings: dict[str, str] = {}

    @staticmethod
    def _key(name: str) -> str:
        return str(name).strip().lower().replace("-", "_")

    def register(self, name: str, write: Callable[..., Path], *, target: str = "file",
                 description: str = "", aliases: tuple[str, ...] = ()) -> Format:
        if target not in ("file", "dir"):
            raise ValueError(f"target must be 'file' or 'dir', got {target!r}")
        fmt = Format(name, write, target, description, tuple(aliases))
        self._registered[name] = fmt
        for key in (name, *aliases):
            self._spellings[self._key(key)] = name
        return fmt

    def get(self, name: str) -> Format:
        found = self._spellings.get(self._key(name))
        if found is None:
            raise ValueError(f"unknown export format {name!r} (formats: {', '.join(self.names)})")
        return self._registered[found]

    __getitem__ = get

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self._key(name) in self._spellings

    def __iter__(self) -> Iterator[Format]:
        return iter(self._registered.values())

    def __len__(self) -> int:
        return len(self._registered)

    @property
    def names(self) -> list[str]:
        return list(self._registered)

    def __repr__(self) -> str:
        return f"FormatRegistry({', '.join(self.names)})"


class _FormatsPackage(ModuleType, FormatRegistry):
    """This package is the registry: importing any ``labelwidget.formats.*`` makes Python set
    ``labelwidget.formats`` to the package, so a separate registry object under that name
    would be replaced by the package the first time an Annotator (or an export) imported it."""

    __repr__ = FormatRegistry.__repr__


formats = sys.modules[__name__]
formats.__class__ = _FormatsPackage
FormatRegistry.__init__(formats)
formats.register("label_studio", write_label_studio, aliases=("json", "ls", "label-studio"),
                 description="Label Studio JSON tasks with annotations and predictions")
formats.register("json_min", write_json_min, description="Label Studio JSON-MIN: flat records")
formats.register("csv", write_csv, description="Label Studio's CSV layout")
formats.register("coco", write_coco, description="COCO detection JSON (boxes, polygons)")
formats.register("yolo", write_yolo, target="dir",
                 description="YOLO labels/*.txt, classes.txt, notes.json")
formats.register("voc", write_voc, target="dir", aliases=("pascal_voc",),
                 description="Pascal VOC XML, Annotations/*.xml")
formats.register("conll2003", write_conll, aliases=("conll",),
                 description="CoNLL 2003 BIO tags from Labels spans")
formats.register("spacy", write_spacy,
                 description="spaCy: .spacy DocBin (needs spaCy) or .jsonl offsets")
formats.register("parquet", write_hf_parquet, aliases=("hf_parquet",),
                 description="Parquet with Hugging Face features (ClassLabel); needs datasets")
formats.register("hf_dataset", write_hf_dataset, target="dir", aliases=("datasets",),
                 description="a Hugging Face Dataset folder (save_to_disk); needs datasets")


def export(df, config, format: str, path, *, meta=None, predictions=None, columns=None,
           **options) -> Path:
    """Write ``df`` (one row per task, one column per control) in ``format`` to ``path``.

    ``path`` is a file, or a directory for ``yolo`` and ``voc``. ``meta`` and ``predictions``
    are the annotation metadata and predictions per task (see :func:`to_label_studio`); format
    options (``indent``, ``tokenizer``, ``control``, ``lang`` ...) pass through. Large exports
    stream (one task in memory at a time), and a file appears only complete: a cell that fails
    its control's check raises ``DataError`` naming every bad row and column, and nothing is
    written.
    """
    fmt = formats.get(format)
    return fmt.write(df, bind_columns(parse_config(config)), path, meta=meta,
                     predictions=predictions, columns=columns, **options)


__all__ = [
    "ExportWarning",
    "Format",
    "FormatError",
    "FormatRegistry",
    "ImportIssue",
    "LabelStudioImport",
    "LabelStudioImportError",
    "LabelStudioImportWarning",
    "default_tokenizer",
    "export",
    "formats",
    "from_label_studio",
    "iter_label_studio",
    "meta_from_history",
    "read_label_studio",
    "to_label_studio",
    "write_label_studio",
]
