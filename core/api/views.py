"""Conditional GET for every read endpoint: an ``ETag`` of the body, 304 on a matching ``If-None-Match``."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponseBase
from django.utils.decorators import method_decorator
from django.views.decorators.http import conditional_page


class ConditionalGetMixin:
    """Put first in a view's bases. Django's ConditionalGetMiddleware as a decorator: it runs after
    DRF renders the response (a post-render callback), hashes the body into an ``ETag`` and answers
    304 to a GET whose ``If-None-Match`` matches it."""

    @method_decorator(conditional_page)
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        response: HttpResponseBase = super().dispatch(request, *args, **kwargs)  # type: ignore[misc]
        return response
