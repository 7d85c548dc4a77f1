"""Small data sets that ship with labelwidget, for the notebooks and for trying things out."""

from __future__ import annotations

from importlib import resources

import pandas as pd


def reviews() -> pd.DataFrame:
    """40 short product reviews (written for labelwidget), indexed by ``review_id``."""
    source = resources.files("labelwidget").joinpath("data/reviews.csv")
    with source.open("r", encoding="utf-8") as f:
        return pd.read_csv(f, index_col="review_id", dtype=str)
