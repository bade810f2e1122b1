"""Roles are groups; `create_user` makes accounts with a role; `can_curate` decides who curates."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser, Group, User
from django.core.management import CommandError, call_command

from accounts.roles import can_annotate, can_curate, role_of

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-unusual-passphrase-42"


def create(*args: str, **options: object) -> str:
    from io import StringIO

    out = StringIO()
    call_command("create_user", *args, stdout=out, **options)
    return out.getvalue()


def test_it_has_the_role_groups_from_the_data_migration():
    assert set(Group.objects.values_list("name", flat=True)) >= {"researchers", "curators"}
    curators = Group.objects.get(name="curators")
    assert curators.permissions.filter(codename="add_curateddecision").exists()


@pytest.mark.parametrize(
    ("role", "groups", "curates", "annotates"),
    [
        ("reader", set(), False, False),
        ("researcher", {"researchers"}, False, True),
        ("curator", {"researchers", "curators"}, True, True),
    ],
)
def test_it_creates_an_account_with_the_groups_of_its_role(role, groups, curates, annotates):
    output = create("ada", role=role, password=PASSWORD, email="ada@example.org")
    assert f"created ada with role {role}" in output
    user = User.objects.get(username="ada")
    assert user.check_password(PASSWORD)
    assert user.email == "ada@example.org"
    assert set(user.groups.values_list("name", flat=True)) == groups
    assert role_of(user) == role
    assert can_curate(User.objects.get(pk=user.pk)) is curates
    assert can_annotate(User.objects.get(pk=user.pk)) is annotates


def test_it_reads_the_password_from_the_environment(monkeypatch):
    monkeypatch.setenv("NORMDIFF_TEST_PASSWORD", PASSWORD)
    create("grace", "--role", "curator", "--password-from-env", "NORMDIFF_TEST_PASSWORD")
    assert User.objects.get(username="grace").check_password(PASSWORD)


def test_it_changes_the_role_of_an_existing_account_only_with_update():
    create("ada", role="curator", password=PASSWORD)
    with pytest.raises(CommandError, match="already exists"):
        create("ada", role="reader", password=PASSWORD)
    create("ada", "--update", role="researcher")
    user = User.objects.get(username="ada")
    assert set(user.groups.values_list("name", flat=True)) == {"researchers"}
    assert user.check_password(PASSWORD)  # kept: no new password given


def test_superusers_and_curators_curate_nobody_else_does():
    admin = User.objects.create_superuser("root", password=PASSWORD)
    inactive = User.objects.create_user("gone", password=PASSWORD, is_active=False)
    inactive.groups.add(Group.objects.get(name="curators"))
    assert can_curate(admin)
    assert not can_curate(User.objects.get(pk=inactive.pk))
    assert not can_curate(AnonymousUser())
    assert not can_curate(None)


@pytest.mark.parametrize(
    ("args", "options", "message"),
    [
        (["ada"], {"role": "curator"}, "needs a password"),
        (["ada"], {"role": "curator", "password": "password"}, "password rejected"),
        (["ada"], {"role": "curator", "password_from_env": "NORMDIFF_UNSET_VARIABLE"}, "is not set"),
        (["bad name!"], {"role": "curator", "password": PASSWORD}, "invalid username"),
        (["ada", "--role", "admin", "--password", PASSWORD], {}, "invalid choice"),
        (["ada", "--password", PASSWORD, "--password-from-env", "X"], {}, "not allowed with"),
    ],
)
def test_bad_input_is_a_command_error_and_writes_nothing(args, options, message):
    with pytest.raises(CommandError, match=message):
        create(*args, **options)
    assert not User.objects.exists()


def test_a_failing_command_exits_non_zero():
    manage = Path(__file__).resolve().parents[2] / "manage.py"
    result = subprocess.run(
        [sys.executable, str(manage), "create_user", "ada", "--role", "admin", "--password", PASSWORD],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "invalid choice" in result.stderr


def test_curators_recreated_after_a_flush_may_still_import_treaties():
    """A flushed database (transactional tests) loses the groups; recreating them restores every
    curator permission, the treaty import ones from migration 0005 included."""
    Group.objects.all().delete()
    create("cleo", "--role", "curator", "--password", PASSWORD)
    user = User.objects.get(username="cleo")
    assert user.has_perm("treaties.add_treaty") and user.has_perm("comparisons.add_curateddecision")
