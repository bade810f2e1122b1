"""Sentence embeddings for the engine's optional semantic signal: the model (:mod:`.model`, no
Django) and the vectors stored per unit text (:mod:`.vectors`, which reads and writes the database
and so is imported on its own)."""

from .model import MODEL_NAME, SemanticUnavailable, encode_units, load_model, text_hash

__all__ = ["MODEL_NAME", "SemanticUnavailable", "encode_units", "load_model", "text_hash"]
