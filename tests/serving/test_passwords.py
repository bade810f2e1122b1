"""Weak passwords are refused: one like the username, an all-digit one (create_user's path)."""

from __future__ import annotations

import pytest

from accounts.roles import RoleError, save_user_with_role

pytestmark = pytest.mark.django_db


def test_a_password_equal_to_the_username_is_refused():
    with pytest.raises(RoleError, match="too similar to the username"):
        save_user_with_role(username="probe_weak", role="curator", password="probe_weak")


def test_an_all_digit_password_is_refused():
    with pytest.raises(RoleError, match="entirely numeric"):
        save_user_with_role(username="ines", role="reader", password="4815162342108")


def test_a_long_unusual_password_is_accepted():
    user, created = save_user_with_role(username="ines", role="reader", password="a-long-unusual-passphrase-42")
    assert created and user.check_password("a-long-unusual-passphrase-42")
