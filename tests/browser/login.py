"""Signing in through the real login form, as a person would."""

from __future__ import annotations

import re

from playwright.sync_api import expect

PASSWORD = "a-long-unusual-passphrase-42"


def log_in(page, server, username: str, password: str = PASSWORD) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{server.url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name=re.compile("Log out"))).to_be_visible()
