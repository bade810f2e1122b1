"""``?limit=&offset=`` over a list whose order never changes between pages (every queryset an API
view lists is ordered by a unique key, and in-memory rows come in document order)."""

from __future__ import annotations

from rest_framework.pagination import LimitOffsetPagination

MAX_LIMIT = 1000


class StablePagination(LimitOffsetPagination):
    default_limit = 100
    max_limit = MAX_LIMIT
