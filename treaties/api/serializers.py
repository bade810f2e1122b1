"""Instruments and provisions as the API shows them; provisions are named by instrument id and eId."""

from __future__ import annotations

from rest_framework import serializers

from ..models import Provision, Treaty


class CountsSerializer(serializers.Serializer):
    """Provisions per kind (paragraphs counted inside articles only)."""

    articles = serializers.IntegerField(source="article_count")
    paragraphs = serializers.IntegerField(source="paragraph_count")
    subparagraphs = serializers.IntegerField(source="subparagraph_count")
    points = serializers.IntegerField(source="point_count")


class InstrumentSerializer(serializers.ModelSerializer):
    id = serializers.SlugField(source="slug", help_text="Stable instrument id, e.g. `untoc`.")
    label = serializers.CharField(help_text="Short title, or the id.")  # type: ignore[assignment]
    counts = CountsSerializer(source="*", help_text="Provisions per kind.")
    html_url = serializers.CharField(source="get_absolute_url", help_text="The instrument's page on this site.")

    class Meta:
        model = Treaty
        fields = [
            "id",
            "title",
            "short_title",
            "label",
            "adopted",
            "opened_for_signature",
            "entry_into_force",
            "language",
            "source_format",
            "excerpt",
            "checksum",
            "imported_at",
            "updated_at",
            "counts",
            "html_url",
        ]


class ProvisionFieldsSerializer(serializers.ModelSerializer):
    """What a provision says about itself (no instrument: the tree's context gives it)."""

    eid = serializers.CharField(help_text="Id inside the instrument, e.g. `art_8__para_2`.")

    class Meta:
        model = Provision
        fields = ["eid", "kind", "number", "heading", "text", "position"]


class ProvisionSerializer(ProvisionFieldsSerializer):
    instrument = serializers.SlugField(source="treaty.slug", help_text="The instrument id.")
    ref = serializers.CharField(help_text="`<instrument id>/<eId>`: how everything else cites it.")
    citation = serializers.CharField(help_text="Human citation, e.g. `UNTOC art. 8(2)`.")
    parent = serializers.CharField(  # type: ignore[assignment]
        source="parent_eid", allow_null=True, help_text="The eId of the enclosing provision (null at the top)."
    )
    html_url = serializers.CharField(source="get_absolute_url", help_text="The provision's page on this site.")
    rank = serializers.FloatField(allow_null=True, default=None, help_text="Full-text rank (`?q=` only).")
    snippet = serializers.CharField(
        allow_null=True,
        default=None,
        help_text="The text around the matches, the matches in `<mark>…</mark>` (`?q=` only; not HTML-escaped).",
    )

    class Meta(ProvisionFieldsSerializer.Meta):
        fields = ["instrument", "ref", "citation", *ProvisionFieldsSerializer.Meta.fields, "parent", "html_url"]
        fields += ["rank", "snippet"]


class ProvisionNodeSerializer(serializers.Serializer):
    """A provision with its children, recursively (``children`` is declared below the class)."""

    eid = serializers.CharField(source="provision.eid")
    kind = serializers.ChoiceField(source="provision.kind", choices=Provision.Kind.choices)
    number = serializers.CharField(source="provision.number")
    heading = serializers.CharField(source="provision.heading")
    text = serializers.CharField(source="provision.text")
    position = serializers.IntegerField(source="provision.position")


ProvisionNodeSerializer._declared_fields["children"] = ProvisionNodeSerializer(many=True)


class TreeSerializer(serializers.Serializer):
    instrument = serializers.SlugField(help_text="The instrument id.")
    provisions = ProvisionNodeSerializer(
        many=True, help_text="Top-level provisions in document order, each with its children."
    )
