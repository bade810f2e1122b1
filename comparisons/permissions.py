"""Roles: anonymous readers read everything, researchers (later) tag and annotate, curators curate.

Roles are auth groups created by a data migration; a user's role is the set of groups
they belong to.  The ``curators`` group holds the permissions on curated decisions, so
"may curate" is ``user.has_perm(CURATE_PERMISSION)``: true for curators and superusers.
Curators may also import treaties from the web (``treaties.add_treaty``, migration 0005).
Views ask :func:`can_curate`; templates ask ``perms.comparisons.add_curateddecision``.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser, Group, Permission
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

CURATE_PERMISSION = "comparisons.add_curateddecision"
RESEARCHERS = "researchers"
CURATORS = "curators"
ROLE_GROUPS: dict[str, tuple[str, ...]] = {
    "reader": (),
    "researcher": (RESEARCHERS,),
    "curator": (RESEARCHERS, CURATORS),  # a curator can do everything a researcher can
}
ROLES = tuple(ROLE_GROUPS)


class RoleError(ValueError):
    """Bad input to :func:`save_user_with_role`; the message is meant for the person typing the command."""


def _in_group(user: Any, name: str) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if not hasattr(user, "_normdiff_groups"):
        user._normdiff_groups = set(user.groups.values_list("name", flat=True))
    return name in user._normdiff_groups


def can_curate(user: AbstractBaseUser | AnonymousUser | None) -> bool:
    """Curators and superusers may accept, reject and add links (permissions are cached per user object)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return bool(user.has_perm(CURATE_PERMISSION))


def can_annotate(user: AbstractBaseUser | AnonymousUser | None) -> bool:
    """Researchers (and curators, and superusers) may tag and annotate."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return bool(getattr(user, "is_superuser", False)) or _in_group(user, RESEARCHERS)


CURATOR_PERMISSIONS = ("add_curateddecision", "view_curateddecision")
CURATOR_TREATY_PERMISSIONS = ("add_treaty", "change_treaty", "view_treaty")  # as migration 0005 grants


def ensure_role_groups() -> dict[str, Group]:
    """The role groups with their permissions, (re)created if missing.

    The data migration creates them; this repairs a database whose tables were flushed
    (``flush``, transactional tests), where permissions come back but groups do not.
    """
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in (RESEARCHERS, CURATORS)}
    permissions = Permission.objects.filter(
        Q(content_type__app_label="comparisons", codename__in=CURATOR_PERMISSIONS)
        | Q(content_type__app_label="treaties", codename__in=CURATOR_TREATY_PERMISSIONS)
    )
    groups[CURATORS].permissions.add(*permissions)
    return groups


@transaction.atomic
def save_user_with_role(
    *,
    username: str,
    role: str,
    password: str | None,
    email: str = "",
    update: bool = False,
) -> tuple[AbstractBaseUser, bool]:
    """Create (or with ``update`` change) an account with exactly the groups of ``role``.

    Returns ``(user, created)``. ``password=None`` keeps an existing password; a new
    account needs one. Raises :class:`RoleError` for bad input; nothing is written then.
    """
    if role not in ROLE_GROUPS:
        raise RoleError(f"unknown role {role!r}: choose one of {', '.join(ROLES)}")
    user_model = get_user_model()
    username = username.strip()
    if not username:
        raise RoleError("the username is empty")
    try:
        user_model._meta.get_field(user_model.USERNAME_FIELD).run_validators(username)
    except ValidationError as exc:
        raise RoleError(f"invalid username {username!r}: {' '.join(exc.messages)}") from None
    user = user_model._default_manager.filter(**{user_model.USERNAME_FIELD: username}).first()
    created = user is None
    if user is not None and not update:
        raise RoleError(f"user {username!r} already exists (pass --update to change their role or password)")
    if created and password is None:
        raise RoleError("a new account needs a password (--password or --password-from-env)")
    if user is None:
        user = user_model(**{user_model.USERNAME_FIELD: username})
    if email:
        user.email = email
    if password is not None:
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise RoleError("password rejected: " + " ".join(exc.messages)) from None
        user.set_password(password)
    user.save()
    by_name = ensure_role_groups()
    groups = [by_name[name] for name in ROLE_GROUPS[role]]
    all_role_groups = Group.objects.filter(name__in=[RESEARCHERS, CURATORS])
    user.groups.remove(*all_role_groups)
    user.groups.add(*groups)
    return user, created


def role_of(user: AbstractBaseUser) -> str:
    names = set(user.groups.values_list("name", flat=True))
    if CURATORS in names:
        return "curator"
    if RESEARCHERS in names:
        return "researcher"
    return "reader"
