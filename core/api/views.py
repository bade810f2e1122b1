"""Conditional GET for every read endpoint: an ``ETag`` of the body, 304 on a matching ``If-None-Match``."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponseBase
from django.utils.decorators import method_decorator
from django.views.decorators.http import conditional_page
from rest_framework import serializers
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request


class ConditionalGetMixin:
    """Put first in a view's bases. Django's ConditionalGetMiddleware as a decorator: it runs after
    DRF renders the response (a post-render callback), hashes the body into an ``ETag`` and answers
    304 to a GET whose ``If-None-Match`` matches it."""

    @method_decorator(conditional_page)
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        response: HttpResponseBase = super().dispatch(request, *args, **kwargs)  # type: ignore[misc]
        return response


class JsonErrorsMixin:
    """For views with download renderers (CSV, JSON-LD, XML): errors are JSON (the one error body)
    even where another representation was asked for."""

    def finalize_response(self, request: Request, response: Any, *args: Any, **kwargs: Any) -> Any:
        response = super().finalize_response(request, response, *args, **kwargs)  # type: ignore[misc]
        renderer = getattr(response, "accepted_renderer", None)
        if response.status_code >= 400 and renderer is not None and renderer.media_type != JSONRenderer.media_type:
            response.accepted_renderer = JSONRenderer()
            response.accepted_media_type = JSONRenderer.media_type
        return response


def validated(serializer_class: type[serializers.Serializer], data: Any, **kwargs: Any) -> dict[str, Any]:
    """``data`` (a body or query parameters) checked by ``serializer_class``: a 400 with field errors if bad."""
    serializer = serializer_class(data=data, **kwargs)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)
