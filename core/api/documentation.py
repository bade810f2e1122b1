"""How every app documents its operations for drf-spectacular, so that the answers an operation may
give follow one rule: a list answers its items or a 400 (bad filters), a read the object or a 404, a
write the object or any of the write errors. An operation ``under`` a parent's path parameter (the
decisions of a comparison) takes that parameter first and may also answer 404 (no such parent)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema

from .errors import LIST_ERRORS, READ_ERRORS, WRITE_ERRORS

#: What ``extend_schema`` takes as one parameter: an ``OpenApiParameter``, or a serializer of query parameters.
Parameter = Any


def path(
    name: str,
    description: str,
    example: str | int,
    kind: OpenApiTypes = OpenApiTypes.STR,
    pattern: str | None = None,
) -> OpenApiParameter:
    """A path parameter with its one example."""
    return OpenApiParameter(
        name,
        kind,
        OpenApiParameter.PATH,
        pattern=pattern,
        description=description,
        examples=[OpenApiExample(str(example), value=example)],
    )


def _parameters(under: OpenApiParameter | None, parameters: Sequence[Parameter]) -> list[Parameter]:
    return [under, *parameters] if under is not None else list(parameters)


def lists(
    serializer: Any,
    summary: str,
    *,
    description: str = "",
    parameters: Sequence[Parameter] = (),
    under: OpenApiParameter | None = None,
) -> Any:
    """A list of ``serializer``'s objects (paginated, filtered by ``parameters``)."""
    errors = {**LIST_ERRORS, **READ_ERRORS} if under is not None else LIST_ERRORS
    return extend_schema(
        summary=summary,
        description=description,
        parameters=_parameters(under, parameters),
        responses={200: serializer(many=True), **errors},
    )


def reads(answer: Any, summary: str, *paths: Parameter, under: OpenApiParameter | None = None) -> Any:
    """A read of one object found by ``paths`` (``answer``: its serializer, or any response body)."""
    return extend_schema(summary=summary, parameters=_parameters(under, paths), responses={200: answer, **READ_ERRORS})


def writes(
    serializer: Any,
    summary: str,
    *paths: Parameter,
    request: Any,
    examples: Sequence[OpenApiExample] = (),
    description: str = "",
    under: OpenApiParameter | None = None,
    created: bool = False,
) -> Any:
    """A write with a ``request`` body that answers the object written (201 when ``created``)."""
    return extend_schema(
        summary=summary,
        description=description,
        parameters=_parameters(under, paths),
        request=request,
        examples=list(examples),
        responses={201 if created else 200: serializer, **WRITE_ERRORS},
    )
