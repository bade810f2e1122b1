"""The one shape of a service's refusal of bad input: which field, and what is wrong with it.

Services raise a subclass (``ComparisonError``, ``AnnotationError``, ``CodingError``); forms put
the message on the field, commands print ``field: message`` and exit non-zero, and the API
answers 400 with ``{"errors": {field: [message]}}`` (``core.api.errors``).
"""

from __future__ import annotations


class FieldError(ValueError):
    """Bad input to a service; ``field`` names the offending field, ``message`` what is wrong."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}")
