"""Forms: every GET parameter a page reads, and the upload of an official text, are validated here."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms

from .models import Treaty
from .parsing import limits
from .parsing.readers import FORMATS


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Search all instruments",
        max_length=200,
        required=False,
        strip=True,
        widget=forms.SearchInput(attrs={"autocomplete": "off"}),
    )
    treaty = forms.MultipleChoiceField(label="Instruments", required=False, widget=forms.CheckboxSelectMultiple)
    page = forms.IntegerField(min_value=1, required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, treaties: Iterable[Treaty], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        treaty_field = self.fields["treaty"]
        assert isinstance(treaty_field, forms.MultipleChoiceField)
        treaty_field.choices = [(t.slug, t.label) for t in treaties]


#: Largest upload accepted by the import page (an official treaty PDF is a few megabytes).
MAX_UPLOAD_BYTES = 20 * 1024 * 1024


class ImportForm(forms.Form):
    """Upload one instrument's official text: the web version of ``manage.py import_treaty``."""

    file = forms.FileField(
        label="Official text",
        help_text="PDF or plain text (.txt) of the official publication, or corpus markdown (.md); up to 20 MB.",
    )
    format = forms.ChoiceField(
        label="Format",
        required=False,
        choices=[("", "from the file name"), *((name, name) for name in FORMATS)],
    )
    slug = forms.SlugField(
        label="Instrument id (--id)",
        required=False,
        max_length=limits.SLUG_MAX,
        help_text="Lower case, such as actip. Needed unless the file starts with front matter.",
    )
    title = forms.CharField(
        label="Title (--title)",
        required=False,
        max_length=limits.TITLE_MAX,
        help_text="The instrument's full title. Needed unless the file starts with front matter.",
    )
    excerpt = forms.BooleanField(
        label="Excerpt: the file holds only some articles",
        required=False,
        help_text="Numbered as in the full text (a chapter copied from the PDF, say): gaps in the article "
        "numbers are allowed, repeated or descending numbers are not.",
    )
    allow_removals = forms.IntegerField(
        label="Provisions it may remove",
        required=False,
        min_value=0,
        max_value=1_000_000,
        initial=0,
        help_text="An import that would remove provisions is refused unless this is exactly their number: "
        "check first to see it. Every earlier version is kept and can be restored.",
    )
    check_only = forms.BooleanField(
        label="Check only: show what would be imported and write nothing",
        required=False,
        initial=True,
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(f"{upload.name} is {upload.size // (1024 * 1024)} MB; the limit is 20 MB.")
        return upload
