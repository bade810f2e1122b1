"""NUL characters in API input are bad input, refused before anything looks them up.

PostgreSQL cannot store or compare a text containing NUL (0x00): a lookup such as a slug or a
username with one raises ``DataError``, a 500. DRF's ``CharField`` refuses NUL, but related
fields and filters query the database first. So the API refuses NUL once, at the door: in
query parameters (:class:`NulQueryParametersMiddleware`, for paths under ``/api/``) and in
JSON bodies (:class:`NulRefusingJSONParser`), with the one error body naming the field.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import JSONParser

NUL = "\x00"
MESSAGE = "contains a NUL character (0x00), which is not allowed"


def nul_fields(data: Any, prefix: str = "") -> Iterator[str]:
    """The paths (``field``, ``field.sub``, ``field[2]``) of every key or string in ``data`` with a NUL."""
    if isinstance(data, str):
        if NUL in data:
            yield prefix or "non_field_errors"
    elif isinstance(data, dict):
        for key, value in data.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            if NUL in str(key):
                yield name
            else:
                yield from nul_fields(value, name)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from nul_fields(value, f"{prefix}[{index}]")


def refusal(fields: list[str]) -> dict[str, list[str]]:
    return {field: [MESSAGE] for field in dict.fromkeys(fields)}


class NulRefusingJSONParser(JSONParser):
    """DRF's JSON parser; a body with NUL in any key or string is a 400 naming where."""

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        data = super().parse(stream, media_type, parser_context)
        fields = list(nul_fields(data))
        if fields:
            raise ValidationError(refusal(fields))
        return data


class NulQueryParametersMiddleware:
    """400 with the API's error body for an ``/api/`` request whose query parameters hold a NUL."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path_info.startswith("/api/"):  # pages: their forms refuse NUL themselves
            return self.get_response(request)
        query = {key: values[0] if len(values) == 1 else values for key, values in request.GET.lists()}
        fields = list(nul_fields(query))
        if fields:
            from .errors import invalid_input_body  # it imports DRF's views, whose settings import this parser

            return JsonResponse(invalid_input_body(refusal(fields)), status=400)
        return self.get_response(request)
