"""A signed-in user's own API token: see it, create (or replace) it, revoke it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from .tokens import renew_token, revoke_token, token_of


@login_required
@require_http_methods(["GET", "POST"])
def api_token(request: HttpRequest) -> HttpResponse:
    """GET: the page; POST ``action=create`` (a new token replaces the old) or ``action=revoke``."""
    user = request.user
    assert user.is_authenticated
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "create":
            renew_token(user=user)
            messages.success(request, "New token created: any older one no longer works.")
        elif action == "revoke":
            if revoke_token(user=user):
                messages.success(request, "Token revoked: scripts using it are refused from now on.")
            else:
                messages.info(request, "You had no token.")
        else:
            return render(request, "accounts/api_token.html", {"token": token_of(user), "bad_action": True}, status=400)
        return HttpResponseRedirect(reverse("accounts:api_token"))
    return render(request, "accounts/api_token.html", {"token": token_of(user)})
