"""API permissions by role (``accounts.roles``): anyone reads, the role writes.

A write by an anonymous client is answered 401 (DRF does so when a permission refuses a request
no credentials came with), by a signed-in user without the role 403.
"""

from __future__ import annotations

from typing import Any

from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request

from .roles import can_curate


class CuratorsWrite(BasePermission):
    """Reads for anyone; writes for curators (and superusers)."""

    message = "Only curators can do this."

    def has_permission(self, request: Request, view: Any) -> bool:
        return request.method in SAFE_METHODS or can_curate(request.user)
