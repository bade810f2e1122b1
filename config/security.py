"""Small pieces that harden the site: login lockout, quiet 403s, cookie-free pages for anonymous readers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


class LoginLockoutBackend(AxesStandaloneBackend):
    """django-axes' lockout check on every login made over HTTP (the site's and the admin's).

    A login without a request (``Client.login`` in tests, the shell) is not a web login and
    cannot be throttled per address; it passes on to the model backend unchecked.
    """

    def authenticate(self, request: HttpRequest | None, *args: Any, **kwargs: Any) -> None:  # type: ignore[override]
        if request is None:
            return None
        return super().authenticate(request, *args, **kwargs)  # type: ignore[no-any-return]


def client_address(request: HttpRequest) -> str | None:
    """The address login attempts are counted against (django-axes' AXES_CLIENT_IP_CALLABLE).

    Behind nginx (BEHIND_PROXY=on) every request comes from the proxy; the client's own address is
    the X-Real-IP nginx sets. Anywhere else that header is the client's own word and is ignored.
    """
    if settings.BEHIND_PROXY:
        return request.META.get("HTTP_X_REAL_IP") or request.META.get("REMOTE_ADDR")
    return request.META.get("REMOTE_ADDR")


class AnonymousWithoutSessionMiddleware:
    """A request that carries no session cookie is anonymous: say so without opening the session.

    Opening the session (to learn that there is none) makes Django add ``Vary: Cookie`` to the
    response, which keeps every public page out of shared caches. Goes after AuthenticationMiddleware.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            request.user = AnonymousUser()
        return self.get_response(request)


class BodySizeLimitMiddleware:
    """413 for a request whose declared body exceeds the limit of its path, before it is read.

    ``LARGE_REQUEST_BODY_PATHS`` maps a path to its own limit (the import form takes files);
    everything else gets ``MAX_REQUEST_BODY_BYTES``.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = settings.LARGE_REQUEST_BODY_PATHS.get(request.path_info, settings.MAX_REQUEST_BODY_BYTES)
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        if declared > limit:
            return render(request, "413.html", {"declared": declared, "limit": limit}, status=413)
        return self.get_response(request)
