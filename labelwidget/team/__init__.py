"""Team figures: inter-annotator agreement per control (kappas and alpha for classes, F1 for
spans and regions).

``lw.agreement("labels.sqlite")`` (or a long DataFrame with ``task``, ``annotator`` and one
column per control) returns an :class:`Agreement` with DataFrames per control, per pair of
annotators, per annotator and per task, and a heatmap of pairwise agreement.
"""

from .coefficients import cohen_kappa, fleiss_kappa, krippendorff_alpha, percent_agreement
from .matching import iou, match_regions, match_spans
from .report import Agreement, AgreementError, agreement

__all__ = [
    "Agreement",
    "AgreementError",
    "agreement",
    "cohen_kappa",
    "fleiss_kappa",
    "iou",
    "krippendorff_alpha",
    "match_regions",
    "match_spans",
    "percent_agreement",
]
