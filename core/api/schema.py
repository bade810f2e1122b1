"""What every operation of the schema shares, added once (a drf-spectacular post-processing hook):
the 429 of anonymous throttling, and on reads the ``If-None-Match`` header and its 304."""

from __future__ import annotations

from typing import Any

IF_NONE_MATCH = {
    "in": "header",
    "name": "If-None-Match",
    "schema": {"type": "string"},
    "description": "The `ETag` of an earlier answer: 304 Not Modified (no body) while it still holds.",
}
ERROR = {"$ref": "#/components/schemas/Error"}
THROTTLED_EXAMPLE = {
    "detail": "Request was throttled. Expected available in 42 seconds.",
    "errors": {},
}


def _error_response(description: str, example: dict[str, Any]) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": ERROR, "example": example}}}


def add_shared_responses(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    for _path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            responses.setdefault("429", _error_response("Too many anonymous requests", THROTTLED_EXAMPLE))
            if method == "get":
                operation.setdefault("parameters", []).append(IF_NONE_MATCH)
                responses.setdefault("304", {"description": "Not modified: the ETag in If-None-Match still holds."})
                responses.setdefault(
                    "406",
                    _error_response(
                        "No representation for the Accept header",
                        {"detail": "Could not satisfy the request Accept header.", "errors": {}},
                    ),
                )
    return result
