"""A higher layer renders a section into a lower layer's page through PAGE_SECTIONS."""

from __future__ import annotations

import pytest
from django.utils.html import format_html

pytestmark = pytest.mark.django_db


def provision_note(request, *, treaty, provision):  # type: ignore[no-untyped-def]
    return format_html('<section class="note">Said of {} by {}</section>', provision.citation, request.path)


def test_a_named_section_is_rendered_on_the_provision_page(client, sample_treaty, settings):
    settings.PAGE_SECTIONS = {"provision": ["tests.test_page_sections.provision_note"]}
    path = "/treaties/sample-convention/art_3/"
    html = client.get(path).content.decode()
    assert f'<section class="note">Said of Sample Convention art. 3 by {path}</section>' in html


def test_a_page_with_no_section_named_renders_none(client, sample_treaty, settings):
    settings.PAGE_SECTIONS = {}
    assert 'class="note"' not in client.get("/treaties/sample-convention/art_3/").content.decode()
