"""Logging filters (imported while logging is configured, before the apps are loaded: no models here)."""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied


class NoPermissionDeniedTraceback(logging.Filter):
    """A refused request (403) is logged as one line, not as a traceback: it is not a server fault."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and isinstance(record.exc_info[1], PermissionDenied):
            record.exc_info = None
            record.exc_text = None
        return True
