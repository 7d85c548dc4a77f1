"""Active learning: a model learns from the labels as they come and picks what to label next.

``ann.learn(model, "sentiment")`` builds an :class:`ActiveLearner`. Every ``every`` submits it
refits a copy of ``model`` (anything with ``fit`` and ``predict_proba``; a scikit-learn pipeline
is the main case) on the labeled tasks, in a background thread so labeling never waits; then,
on the kernel's main thread, it puts the unlabeled tasks the model is least sure about first
(with a share of random ones, against sampling bias), pre-fills the next tasks with the
model's suggestions, and shows the model's cross-validated (or held-out) accuracy in a line
under the annotator. ``learner.history`` keeps the accuracy as labels accumulate.

Results of a background fit are applied on the thread that runs the kernel's event loop
(captured when the learner is made), never from the worker thread. Outside a kernel (a script,
a test) fits run synchronously unless ``background=True``; ``wait()`` blocks until the latest
fit is applied, which scripts and tests call after a submit.
"""

from .learner import ActiveLearner
from .strategies import STRATEGIES, entropy, least_confidence, margin, mix_random, uncertainty

__all__ = ["STRATEGIES", "ActiveLearner", "entropy", "least_confidence", "margin",
           "mix_random", "uncertainty"]
