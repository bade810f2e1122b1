"""The research layer as the API shows it, and what clients send to its services.

Output serializers read models and the plain values the selectors return; input serializers check
the shape of a request before a service applies its rules (ownership, roles, eIds that exist).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from comparisons.api.serializers import EID_PATTERN, REF_PATTERN, SLUG_PATTERN
from comparisons.models import Comparison

from ..annotation_forms import RATIONALE_MAX
from ..coding_models import Codebook, Coding, SettledCoding, Tag, TagStatus, UnitKind, UnitRef
from ..models import Annotation, Norm, NormFamily, Reference, Stage
from ..services import NAME_MAX, SLUG_MAX

# ---- the vocabulary and the bibliography -----------------------------------------------------


class CitationSerializer(serializers.Serializer):
    reference = serializers.SlugField(source="reference.slug", help_text="The reference's slug.")
    locator = serializers.CharField(allow_blank=True, help_text="Page or section, e.g. `pp. 164–165`.")
    label = serializers.CharField(source="__str__", help_text="e.g. `Acharya 2004, p. 245`.")  # type: ignore[assignment]


class CitationInputSerializer(serializers.Serializer):
    reference = serializers.SlugField(max_length=80, help_text="A reference's slug, e.g. `acharya-2004`.")
    locator = serializers.CharField(max_length=120, required=False, default="", allow_blank=True)


def citation_pairs(data: list[dict[str, str]]) -> list[tuple[str, str]]:
    """Validated citation rows as the services take them: ``(reference slug, locator)``."""
    return [(row["reference"], row["locator"]) for row in data]


class ReferenceSerializer(serializers.ModelSerializer):
    short = serializers.CharField(help_text="Author-date label, e.g. `Finnemore & Sikkink 1998`.")
    link = serializers.CharField(help_text="The DOI's address, or the URL, or empty.")

    class Meta:
        model = Reference
        fields = ["slug", "authors", "year", "title", "venue", "volume", "pages", "doi", "url", "short", "link"]


class ReferenceInputSerializer(serializers.Serializer):
    slug = serializers.RegexField(r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=SLUG_MAX, help_text="e.g. `acharya-2004`.")
    authors = serializers.CharField(max_length=300, help_text="`A. Acharya` or `M. Finnemore & K. Sikkink`.")
    year = serializers.IntegerField(min_value=1000, max_value=9999)
    title = serializers.CharField(max_length=2000)
    venue = serializers.CharField(max_length=300, required=False, default="", allow_blank=True)
    volume = serializers.CharField(max_length=40, required=False, default="", allow_blank=True)
    pages = serializers.CharField(max_length=40, required=False, default="", allow_blank=True)
    doi = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)
    url = serializers.URLField(max_length=500, required=False, default="", allow_blank=True)


class NormSerializer(serializers.ModelSerializer):
    family = serializers.SlugField(source="family.slug", help_text="The family's slug.")
    citations = CitationSerializer(many=True)
    html_url = serializers.CharField(source="get_absolute_url", help_text="The norm's page on this site.")

    class Meta:
        model = Norm
        fields = ["slug", "name", "family", "definition", "citations", "position", "html_url"]


class NormFamilySerializer(serializers.ModelSerializer):
    norms = serializers.SlugRelatedField(  # type: ignore[var-annotated]
        many=True, read_only=True, slug_field="slug", help_text="Its norms' slugs."
    )

    class Meta:
        model = NormFamily
        fields = ["slug", "name", "description", "asean_way", "position", "norms"]


_SLUG_HELP = "Lowercase letters, digits and hyphens; left out, it is made from the name."


class NormFamilyInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=NAME_MAX)
    slug = serializers.CharField(
        max_length=SLUG_MAX, required=False, default="", allow_blank=True, help_text=_SLUG_HELP
    )
    description = serializers.CharField(max_length=10_000, required=False, default="", allow_blank=True)
    asean_way = serializers.BooleanField(required=False, default=False, help_text="Its norms count as ASEAN Way norms.")


class NormInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=NAME_MAX)
    slug = serializers.CharField(
        max_length=SLUG_MAX, required=False, default="", allow_blank=True, help_text=_SLUG_HELP
    )
    family = serializers.SlugField(max_length=SLUG_MAX, help_text="An existing family's slug.")
    definition = serializers.CharField(max_length=10_000, help_text="In our own words.")
    citations = CitationInputSerializer(many=True, required=False, default=list, max_length=20)  # type: ignore[call-arg]

    def validate_citations(self, value: list[dict[str, str]]) -> list[tuple[str, str]]:
        return citation_pairs(value)


# ---- annotations and literature claims ------------------------------------------------------


class AnnotationSerializer(serializers.ModelSerializer):
    """An explanation of an alignment decision, or a literature claim on a source provision."""

    comparison = serializers.CharField(source="comparison.slug", allow_null=True, default=None)
    target_ref = serializers.CharField(help_text="`<instrument id>/<eId>`, or empty.")
    source_ref = serializers.CharField(help_text="`<instrument id>/<eId>`, or empty.")
    finding = serializers.SlugField(source="finding.slug", allow_null=True, default=None)
    norms = serializers.SlugRelatedField(many=True, read_only=True, slug_field="slug")  # type: ignore[var-annotated]
    citations = CitationSerializer(many=True)
    author = serializers.CharField(source="author.get_username", allow_null=True, default=None)
    orphaned = serializers.BooleanField(
        default=False, help_text="A provision it names is gone from its instrument: the annotation is kept."
    )

    class Meta:
        model = Annotation
        fields = [
            "id",
            "comparison",
            "kind",
            "origin",
            "status",
            "target_instrument",
            "target_eid",
            "target_ref",
            "source_treaty",
            "source_eid",
            "source_ref",
            "claimed_relation",
            "finding",
            "norms",
            "stage",
            "rationale",
            "citations",
            "author",
            "created_at",
            "updated_at",
            "orphaned",
        ]


class AnnotationContentSerializer(serializers.Serializer):
    """What an annotation says (editing: only the fields given change)."""

    norms = serializers.ListField(
        child=serializers.SlugField(max_length=80),
        min_length=1,
        max_length=50,
        required=False,
        help_text="One or more norm slugs.",
    )
    stage = serializers.ChoiceField(choices=Stage.choices, required=False, allow_blank=True)
    rationale = serializers.CharField(max_length=RATIONALE_MAX, required=False, allow_blank=True, help_text="Markdown.")
    citations = CitationInputSerializer(many=True, required=False, max_length=20)  # type: ignore[call-arg]

    def validate_citations(self, value: list[dict[str, str]]) -> list[tuple[str, str]]:
        return citation_pairs(value)


class AnnotationInputSerializer(AnnotationContentSerializer):
    """The decision it explains: a link (``target`` and ``source``), an added target unit (``target``) or a
    pruned source unit (``source``)."""

    norms = serializers.ListField(
        child=serializers.SlugField(max_length=80), min_length=1, max_length=50, help_text="One or more norm slugs."
    )
    comparison = serializers.SlugRelatedField(
        slug_field="slug", queryset=Comparison.objects.with_instruments(), help_text="The comparison's slug."
    )
    target = serializers.RegexField(
        EID_PATTERN, max_length=200, required=False, help_text="The target unit's eId (links and added units)."
    )
    source = serializers.RegexField(  # type: ignore[assignment]
        REF_PATTERN, max_length=265, required=False, help_text="`<source id>/<eId>` (links and pruned units)."
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if not attrs.get("target") and not attrs.get("source"):
            raise serializers.ValidationError({"target": ["Give the target eId, the source, or both."]})
        return attrs

    def decision(self) -> dict[str, Any]:
        """The kind and sides the annotation services take."""
        target = self.validated_data.get("target", "")
        source_treaty, _, source_eid = self.validated_data.get("source", "").partition("/")
        if target and source_eid:
            kind = Annotation.Kind.LINK
        else:
            kind = Annotation.Kind.ADDED if target else Annotation.Kind.PRUNED
        return {"kind": kind, "target_eid": target, "source_treaty": source_treaty, "source_eid": source_eid}

    def content(self) -> dict[str, Any]:
        """What the annotation says, as the service takes it."""
        return {
            key: value for key, value in self.validated_data.items() if key not in ("comparison", "target", "source")
        }


class StatusInputSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Annotation.Status.choices)


class HistorySerializer(serializers.Serializer):
    """One entry of an annotation's history: who changed it, when, and what it said afterwards."""

    id = serializers.IntegerField(source="history_id")
    date = serializers.DateTimeField(source="history_date")
    change = serializers.SerializerMethodField()
    user = serializers.CharField(source="history_user.get_username", allow_null=True, default=None)
    status = serializers.ChoiceField(choices=Annotation.Status.choices)
    stage = serializers.CharField(allow_blank=True)
    rationale = serializers.CharField(allow_blank=True)
    norms = serializers.SerializerMethodField()

    def get_change(self, record: Any) -> str:
        return {"+": "created", "~": "changed", "-": "deleted"}[record.history_type]

    @extend_schema_field(serializers.ListField(child=serializers.SlugField()))
    def get_norms(self, record: Any) -> list[str]:
        return sorted(row.norm.slug for row in record.historicalannotation_norms_set.all())


# ---- literature findings with the alignment's evidence -----------------------------------------


class UnitEvidenceSerializer(serializers.Serializer):
    source_eid = serializers.CharField()
    relations = serializers.ListField(child=serializers.CharField(), help_text="`pruned`, or its links' relations.")
    target_eids = serializers.ListField(child=serializers.CharField(), help_text="The target units carrying it.")


class ClaimEvidenceSerializer(serializers.Serializer):
    claim = serializers.IntegerField(source="claim.pk", help_text="The claim's id (an annotation).")
    source_ref = serializers.CharField(source="claim.source_ref")
    verdict = serializers.ChoiceField(
        source="assessment.verdict", choices=["agrees", "disagrees", "not judged", "not in this comparison"]
    )
    units = UnitEvidenceSerializer(source="assessment.units", many=True)


class ComparisonEvidenceSerializer(serializers.Serializer):
    comparison = serializers.CharField(source="comparison.slug")
    run = serializers.IntegerField(source="run.pk", help_text="The alignment run read (the latest).")
    verdict = serializers.ChoiceField(choices=["agrees", "disagrees", "not judged"])
    claims = ClaimEvidenceSerializer(many=True)


class ClaimSerializer(serializers.ModelSerializer):
    source_ref = serializers.CharField()
    norms = serializers.SlugRelatedField(many=True, read_only=True, slug_field="slug")  # type: ignore[var-annotated]
    citations = CitationSerializer(many=True)

    class Meta:
        model = Annotation
        fields = ["id", "source_treaty", "source_eid", "source_ref", "claimed_relation", "stage", "rationale"]
        fields += ["norms", "citations"]


class FindingSerializer(serializers.Serializer):
    """A finding of the literature, its claims and, per aligned comparison of its instrument, the verdict."""

    slug = serializers.SlugField(source="finding.slug")
    number = serializers.IntegerField(source="finding.number")
    title = serializers.CharField(source="finding.title")
    target_instrument = serializers.SlugField(source="finding.target_instrument")
    claims = ClaimSerializer(many=True)
    norms = serializers.SerializerMethodField(help_text="The slugs of the norms its claims name.")
    citations = CitationSerializer(many=True)
    comparisons = ComparisonEvidenceSerializer(
        many=True, help_text="Empty until a comparison of its instrument is aligned."
    )

    @extend_schema_field(serializers.ListField(child=serializers.SlugField()))
    def get_norms(self, found: Any) -> list[str]:
        return [norm.slug for norm in found.norms]


# ---- tagging ------------------------------------------------------------------------------------


class CodebookSerializer(serializers.ModelSerializer):
    class Meta:
        model = Codebook
        fields = ["slug", "name", "description", "origin", "created_at"]


class CodebookInputSerializer(serializers.Serializer):
    slug = serializers.RegexField(r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=80)
    name = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)
    description = serializers.CharField(max_length=10_000, required=False, default="", allow_blank=True)


class TagSerializer(serializers.ModelSerializer):
    """Needs ``context={"paths": coding_selectors.tag_paths()}``."""

    codebook = serializers.SlugField(source="codebook.slug")
    path = serializers.SerializerMethodField(help_text="`Parent/Child`: the names from the root.")
    merged_into = serializers.IntegerField(source="merged_into_id", allow_null=True)
    proposed_by = serializers.CharField(source="proposed_by.get_username", allow_null=True, default=None)
    codings = serializers.IntegerField(source="coding_count", help_text="How many codings use it.")
    html_url = serializers.CharField(source="get_absolute_url")

    def get_path(self, tag: Tag) -> str:
        return str(self.context["paths"].get(tag.pk, tag.name))

    class Meta:
        model = Tag
        fields = ["id", "codebook", "parent", "path", "name", "description", "colour", "codable", "status"]
        fields += ["merged_into", "guid", "proposed_by", "position", "codings", "created_at", "html_url"]


class TagNodeSerializer(serializers.Serializer):
    """A tag in the codebook's tree with its children (``children`` is declared below the class)."""

    id = serializers.IntegerField(source="tag.pk")
    name = serializers.CharField(source="tag.name")
    path = serializers.CharField()
    status = serializers.ChoiceField(source="tag.status", choices=TagStatus.choices)
    codable = serializers.BooleanField(source="tag.codable")
    colour = serializers.CharField(source="tag.colour")
    codings = serializers.IntegerField()


TagNodeSerializer._declared_fields["children"] = TagNodeSerializer(many=True)


class TagTreeSerializer(serializers.Serializer):
    codebook = serializers.SlugField()
    tags = TagNodeSerializer(many=True, help_text="Top-level tags, each with its children (merged tags left out).")


class TagInputSerializer(serializers.Serializer):
    codebook = serializers.SlugRelatedField(slug_field="slug", queryset=Codebook.objects.all())
    name = serializers.CharField(max_length=200)
    parent = serializers.PrimaryKeyRelatedField(  # type: ignore[assignment]
        queryset=Tag.objects.all(), required=False, allow_null=True
    )
    description = serializers.CharField(max_length=10_000, required=False, default="", allow_blank=True)
    colour = serializers.CharField(max_length=7, required=False, default="", allow_blank=True, help_text="`#rrggbb`.")


class TagUpdateSerializer(serializers.Serializer):
    """Rename, describe, recolour, accept (`active`) or retire (`retired`) a tag: only the fields given change."""

    name = serializers.CharField(max_length=200, required=False)
    description = serializers.CharField(max_length=10_000, required=False, allow_blank=True)
    colour = serializers.CharField(max_length=7, required=False, allow_blank=True, help_text="`#rrggbb`.")
    status = serializers.ChoiceField(choices=TagStatus.choices, required=False)


class TagMoveSerializer(serializers.Serializer):
    parent = serializers.PrimaryKeyRelatedField(  # type: ignore[assignment]
        queryset=Tag.objects.all(), allow_null=True, help_text="The new parent's id; null for the top."
    )


class TagMergeSerializer(serializers.Serializer):
    into = serializers.PrimaryKeyRelatedField(queryset=Tag.objects.all(), help_text="The tag that takes its codings.")


class UnitSerializer(serializers.Serializer):
    """What a coding codes: a provision, or an alignment link (comparison, target eId, source)."""

    kind = serializers.ChoiceField(choices=UnitKind.choices)
    instrument = serializers.CharField(help_text="The provision's instrument (for a link, the target).")
    eid = serializers.CharField(help_text="The provision's eId (for a link, the target's).")
    comparison = serializers.CharField(allow_blank=True, help_text="Links only.")
    source_instrument = serializers.CharField(source="source_treaty", allow_blank=True, help_text="Links only.")
    source_eid = serializers.CharField(allow_blank=True, help_text="Links only.")
    key = serializers.CharField(help_text="One string naming the unit (what agreement compares on).")
    citation = serializers.CharField()


class CodingSerializer(serializers.ModelSerializer):
    codebook = serializers.SlugField(source="tag.codebook.slug")
    tag_path = serializers.CharField()
    coder = serializers.CharField(source="coder.get_username")
    unit = UnitSerializer(source="ref")
    orphaned = serializers.BooleanField(default=False)

    class Meta:
        model = Coding
        fields = ["id", "codebook", "tag", "tag_path", "coder", "unit", "quote", "memo", "created_at", "updated_at"]
        fields += ["orphaned"]


class UnitInputSerializer(serializers.Serializer):
    """A provision (`instrument` and `eid`) or an alignment link (`comparison`, `target` and `source`)."""

    instrument = serializers.RegexField(SLUG_PATTERN, max_length=80, required=False)
    eid = serializers.RegexField(EID_PATTERN, max_length=200, required=False)
    comparison = serializers.RegexField(r"^[a-z0-9+-]+$", max_length=200, required=False)
    target = serializers.RegexField(EID_PATTERN, max_length=200, required=False, help_text="A link's target eId.")
    source = serializers.RegexField(  # type: ignore[assignment]
        REF_PATTERN, max_length=265, required=False, help_text="`<source id>/<eId>`."
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs.get("comparison"):
            missing = [name for name in ("target", "source") if not attrs.get(name)]
            if missing:
                raise serializers.ValidationError({name: ["A link needs target and source."] for name in missing})
        else:
            missing = [name for name in ("instrument", "eid") if not attrs.get(name)]
            if missing:
                message = "Name a provision (instrument and eid) or a link (comparison, target, source)."
                raise serializers.ValidationError({name: [message] for name in missing})
        return attrs

    def unit(self) -> UnitRef:
        data = self.validated_data
        if data.get("comparison"):
            return UnitRef.link(data["comparison"], data["target"], data["source"])
        return UnitRef.provision(data["instrument"], data["eid"])


class CodingInputSerializer(UnitInputSerializer):
    tag = serializers.PrimaryKeyRelatedField(queryset=Tag.objects.select_related("merged_into"))
    memo = serializers.CharField(max_length=10_000, required=False, default="", allow_blank=True)


class CodingRecordSerializer(serializers.Serializer):
    """One record of the codings export (``coding_selectors.CODING_COLUMNS``; documentation only)."""

    coder = serializers.CharField()
    tag_path = serializers.CharField()
    codebook = serializers.CharField()
    instrument = serializers.CharField()
    eid = serializers.CharField()
    citation = serializers.CharField()
    comparison = serializers.CharField(allow_blank=True)
    source_instrument = serializers.CharField(allow_blank=True)
    source_eid = serializers.CharField(allow_blank=True)
    memo = serializers.CharField(allow_blank=True)
    created = serializers.DateTimeField()
    updated = serializers.DateTimeField()
    orphaned = serializers.BooleanField()


class MemoSerializer(serializers.Serializer):
    memo = serializers.CharField(max_length=10_000, allow_blank=True)


class SettledSerializer(serializers.ModelSerializer):
    tag = serializers.IntegerField(source="tag_id")
    unit = UnitSerializer(source="ref")
    curator = serializers.CharField(source="curator.get_username")

    class Meta:
        model = SettledCoding
        fields = ["id", "tag", "unit", "applies", "curator", "note", "settled_at"]


class SettleInputSerializer(UnitInputSerializer):
    tag = serializers.PrimaryKeyRelatedField(queryset=Tag.objects.all())
    applies = serializers.BooleanField(help_text="The consensus: the tag applies to the unit, or it does not.")
    note = serializers.CharField(max_length=10_000, required=False, default="", allow_blank=True)


# ---- agreement ---------------------------------------------------------------------------------


class PairKappaSerializer(serializers.Serializer):
    coders = serializers.ListField(child=serializers.CharField(), min_length=2, max_length=2)
    kappa = serializers.FloatField(allow_null=True, help_text="Cohen's κ; null when undefined.")
    items = serializers.IntegerField(help_text="(unit, tag) items both coded.")


class DisagreementSerializer(serializers.Serializer):
    unit = UnitSerializer()
    tag = serializers.IntegerField(source="tag.pk")
    tag_path = serializers.CharField()
    applied_by = serializers.ListField(child=serializers.CharField())
    not_applied_by = serializers.ListField(child=serializers.CharField())
    settled = SettledSerializer(allow_null=True, help_text="A curator's consensus, if settled.")


class AgreementSerializer(serializers.Serializer):
    codebook = serializers.SlugField(source="codebook.slug")
    tag = serializers.IntegerField(source="tag.pk", allow_null=True, default=None, help_text="Null: the codebook.")
    coders = serializers.ListField(child=serializers.CharField())
    units = serializers.IntegerField(help_text="Units any of the coders coded.")
    items = serializers.SerializerMethodField(help_text="(unit, tag) items some coder gave a value.")
    pairable = serializers.IntegerField(source="result.pairable", help_text="Items with values from two coders.")
    alpha = serializers.FloatField(source="result.alpha", allow_null=True, help_text="Krippendorff's α (nominal).")
    observed = serializers.FloatField(source="result.observed", allow_null=True, help_text="Observed agreement.")
    kappa = serializers.FloatField(source="result.kappa", allow_null=True, help_text="Cohen's κ (two coders).")
    kappas = serializers.SerializerMethodField(help_text="Cohen's κ of each pair of coders.")
    disagreements = DisagreementSerializer(many=True)

    def get_items(self, found: Any) -> int:
        return len(found.result.items)

    @extend_schema_field(PairKappaSerializer(many=True))
    def get_kappas(self, found: Any) -> list[dict[str, Any]]:
        return [{"coders": list(pair), "kappa": kappa, "items": n} for pair, kappa, n in found.result.kappas]


class AgreementQuerySerializer(serializers.Serializer):
    codebook = serializers.SlugRelatedField(slug_field="slug", queryset=Codebook.objects.all())
    tag = serializers.PrimaryKeyRelatedField(
        queryset=Tag.objects.all(), required=False, help_text="One tag of the codebook; the whole codebook if absent."
    )
    coders = serializers.ListField(
        child=serializers.SlugRelatedField(slug_field="username", queryset=get_user_model()._default_manager.all()),
        required=False,
        default=list,
        max_length=50,
        help_text="Usernames (repeat the parameter); everyone who has coded if absent.",
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        tag = attrs.get("tag")
        if tag is not None and tag.codebook_id != attrs["codebook"].pk:
            raise serializers.ValidationError({"tag": [f"Tag {tag.pk} is not in codebook {attrs['codebook'].slug}."]})
        return attrs


# ---- query parameters --------------------------------------------------------------------------


class AnnotationExportQuerySerializer(serializers.Serializer):
    comparison = serializers.SlugRelatedField(
        slug_field="slug", queryset=Comparison.objects.all(), required=False, help_text="One comparison's only."
    )
    format = serializers.ChoiceField(choices=["jsonld", "csv"], required=False, help_text="Or send `Accept`.")
