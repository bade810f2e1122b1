"""One body for every 4xx answer of the API: ``{"detail": "...", "errors": {"field": ["message"]}}``.

``detail`` is one sentence for a person; ``errors`` maps each offending field (a query
parameter, a body key, ``non_field_errors`` for the input as a whole; nested keys joined
with dots) to its messages, and is empty when no field is to blame (401, 403, 404, 429 …).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views import defaults
from drf_spectacular.utils import OpenApiExample, OpenApiResponse
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.fields import get_error_detail
from rest_framework.response import Response
from rest_framework.views import exception_handler

from core.errors import FieldError

NON_FIELD = "non_field_errors"


class ErrorSerializer(serializers.Serializer):
    """The body of every 4xx answer (documentation only)."""

    detail = serializers.CharField(help_text="What went wrong, for a person.")
    errors = serializers.DictField(  # type: ignore[assignment]
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Messages by field (query parameter or body key; `non_field_errors` for the whole input).",
    )


def field_errors(data: Any, prefix: str = "") -> Iterator[tuple[str, list[str]]]:
    """DRF's nested error detail as ``(dotted field, messages)`` pairs."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from field_errors(value, f"{prefix}.{key}" if prefix else str(key))
    elif isinstance(data, list) and all(isinstance(item, str) for item in data):
        yield prefix or NON_FIELD, [str(item) for item in data]
    elif isinstance(data, list):
        for index, item in enumerate(data):
            yield from field_errors(item, f"{prefix}.{index}" if prefix else str(index))
    else:
        yield prefix or NON_FIELD, [str(data)]


def error_body(detail: str, errors: dict[str, list[str]] | None = None) -> dict[str, Any]:
    return {"detail": detail, "errors": errors or {}}


def invalid_input_body(errors: dict[str, list[str]]) -> dict[str, Any]:
    """The body of a 400: every field's messages, and a detail that repeats them in one line."""
    summary = "; ".join(f"{field}: {' '.join(messages)}" for field, messages in errors.items())
    return error_body(f"Invalid input ({summary})." if summary else "Invalid input.", errors)


def api_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's handler (APIException, Http404, PermissionDenied) with the one error body; a Django
    ``ValidationError`` or a service's ``FieldError`` raised below a view is bad input too.
    Anything else stays a 500: a bug."""
    if isinstance(exc, DjangoValidationError):
        exc = ValidationError(get_error_detail(exc))
    elif isinstance(exc, FieldError):
        exc = ValidationError({exc.field: [exc.message]})
    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, ValidationError):
        errors: dict[str, list[str]] = {}
        for field, messages in field_errors(response.data):
            errors.setdefault(field, []).extend(messages)
        response.data = invalid_input_body(errors)
    else:
        data = response.data
        detail = data.get("detail", "") if isinstance(data, dict) else data
        response.data = error_body(str(detail))
    return response


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """``handler404``: the API's error body under ``/api/``, the site's 404 page elsewhere."""
    if request.path.startswith("/api/"):
        return JsonResponse(error_body(f"Nothing at {request.path}: see /api/docs/."), status=404)
    return defaults.page_not_found(request, exception or Exception("not found"))


def _error(description: str, example: str, errors: dict[str, list[str]] | None = None) -> OpenApiResponse:
    return OpenApiResponse(
        ErrorSerializer,
        description=description,
        examples=[OpenApiExample(description, value=error_body(example, errors), response_only=True)],
    )


BAD_REQUEST = _error(
    "Invalid input",
    "Invalid input (kind: Select a valid choice. clause is not one of the available choices.).",
    {"kind": ["Select a valid choice. clause is not one of the available choices."]},
)
UNAUTHENTICATED = _error("Not signed in", "Authentication credentials were not provided.")
FORBIDDEN = _error("Not allowed for your role", "You do not have permission to perform this action.")
NOT_FOUND = _error("No such resource", "No Comparison matches the given query.")
#: What reads and writes may answer besides 2xx (429, 304 and 406 are added to every operation by
#: ``core.api.schema.add_shared_responses``).
READ_ERRORS = {404: NOT_FOUND}
LIST_ERRORS = {400: BAD_REQUEST}
WRITE_ERRORS = {400: BAD_REQUEST, 401: UNAUTHENTICATED, 403: FORBIDDEN, 404: NOT_FOUND}


def as_json(errors: dict[int, OpenApiResponse]) -> dict[tuple[int, str], OpenApiResponse]:
    """``errors`` documented as JSON, for an operation whose success is another media type (a download):
    its errors are still the JSON error body."""
    return {(code, "application/json"): response for code, response in errors.items()}
