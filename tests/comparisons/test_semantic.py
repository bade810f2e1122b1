"""The bundled sentence-embedding model (real model, on disk, CPU; invented sentences)."""

from __future__ import annotations

import numpy as np

from comparisons.semantic import MODEL_NAME, encode_units

KEEPERS = "Each state shall keep a public register of lighthouse keepers."
KEEPERS_REWORDED = "Every country must maintain an open list of the people who look after lighthouses."
UNRELATED = "The committee meets twice a year to approve the budget of the secretariat."


def test_vectors_are_unit_length_and_similar_sentences_score_higher() -> None:
    vectors = np.array(encode_units([KEEPERS, KEEPERS_REWORDED, UNRELATED]))
    assert vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    cosine = vectors @ vectors.T
    assert cosine[0, 1] > cosine[0, 2] + 0.2
    assert cosine[0, 1] > cosine[1, 2] + 0.2


def test_encoding_is_deterministic_and_order_preserving() -> None:
    first = encode_units([KEEPERS, UNRELATED])
    again = encode_units([UNRELATED, KEEPERS])
    assert np.allclose(first[0], again[1], atol=1e-6)
    assert np.allclose(first[1], again[0], atol=1e-6)
    assert all(isinstance(x, float) for x in first[0])


def test_nothing_to_encode_loads_nothing() -> None:
    assert encode_units([]) == []
    assert MODEL_NAME == "all-MiniLM-L6-v2"
