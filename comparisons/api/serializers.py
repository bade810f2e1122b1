"""Comparisons, their effective alignment rows, curated decisions, exports and find-the-source matches.

Output serializers read plain values (``Row``, ``RunCounts``, ``Match``) the selectors return;
input serializers validate what a client sends before a service sees it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from django import forms
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from treaties.citations import cite

from ..alignment import EVIDENCE_KINDS, FEATURES, LINK_RELATIONS, RELATIONS
from ..corpus_index import MAX_RESULTS, CorpusIndex
from ..extensions import extension_filter_fields
from ..forms import EID_RE, NOTE_MAX, SLUG_RE
from ..models import CuratedDecision
from ..overlay import CandidateRow, Row
from ..selectors import LEVELS

EID_PATTERN = rf"^{EID_RE}$"
SLUG_PATTERN = rf"^{SLUG_RE}$"
REF_PATTERN = rf"^{SLUG_RE}/{EID_RE}$"
TEXT_MAX = 20_000


# ---- reading ------------------------------------------------------------------------------------


class RunSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    engine_version = serializers.CharField()
    started_at = serializers.DateTimeField()
    finished_at = serializers.DateTimeField()
    embedding_model = serializers.CharField(allow_null=True, help_text="Null when it aligned on wording alone.")


class RelationCountsSerializer(serializers.Serializer):
    adopted = serializers.IntegerField(default=0)
    modified = serializers.IntegerField(default=0)
    added = serializers.IntegerField(default=0)
    pruned = serializers.IntegerField(default=0)


class ComparisonSerializer(serializers.Serializer):
    """A comparison, its latest run and its effective units per relation (curated decisions included)."""

    slug = serializers.CharField(
        source="comparison.slug",
        help_text="`<target>--<source>+<source>`; a scoped comparison adds its articles "
        "(`…--untoc-arts-5-and-8-10+coe-trafficking-arts-10-17`).",
    )
    label = serializers.CharField(source="comparison.label")  # type: ignore[assignment]
    target = serializers.SlugField(source="comparison.target.slug", help_text="The target instrument's id.")
    sources = serializers.ListField(
        child=serializers.SlugField(), source="comparison.source_slugs", help_text="The source instruments' ids."
    )
    scope = serializers.DictField(
        child=serializers.ListField(child=serializers.IntegerField()),
        source="comparison.scope",
        help_text="The articles the comparison reads of each instrument it names, `{instrument id: [numbers]}`; "
        "an instrument not named is read whole, and `{}` is an unscoped comparison. Added and pruned "
        "are counted within the scope.",
    )
    scope_label = serializers.CharField(
        source="comparison.scope_label",
        help_text='e.g. "Scoped to UNTOC arts. 5, 8-10; CoE arts. 10-17"; empty without a scope.',
    )
    created_at = serializers.DateTimeField(source="comparison.created_at")
    latest_run = RunSerializer(source="run", allow_null=True, help_text="Null before the first run.")
    counts = RelationCountsSerializer(help_text="Units per relation in the latest run, curated decisions included.")
    html_url = serializers.CharField(source="comparison.get_absolute_url")


class SideSerializer(serializers.Serializer):
    """One side of a row: a unit of the target or of a source instrument."""

    instrument = serializers.SlugField()
    eid = serializers.CharField()
    ref = serializers.CharField(help_text="`<instrument id>/<eId>`.")
    citation = serializers.CharField(help_text="e.g. `UNTOC art. 8(2)`.")
    heading = serializers.CharField(help_text="The unit's (or its article's) heading, if any.")
    text = serializers.CharField(
        allow_null=True, help_text="The unit's text with its subparagraphs; null if the instrument no longer has it."
    )


class DiffOpSerializer(serializers.Serializer):
    """One run of the word diff: joining every `source` gives the source text back, every `target` the target's."""

    kind = serializers.ChoiceField(choices=["equal", "delete", "insert"])
    source = serializers.CharField(allow_blank=True)  # type: ignore[assignment]
    target = serializers.CharField(allow_blank=True)

    def to_representation(self, instance: Any) -> dict[str, str]:
        kind, source, target = (
            instance if isinstance(instance, Sequence) else (instance.kind, instance.source, instance.target)
        )
        return {"kind": str(kind), "source": source, "target": target}


def side(index: CorpusIndex, slug: str, eid: str) -> dict[str, Any] | None:
    """A unit (or, rolled up, an article) as the API shows it, from the cached corpus index."""
    if not eid:
        return None
    unit = index.unit(f"{slug}/{eid}")
    provision = index.provision(slug, eid)
    heading = unit.heading if unit else (provision.heading if provision else "")
    text = unit.text if unit else index.provision_text(slug, eid)
    citation = cite(index.labels.get(slug, slug), eid)
    return {
        "instrument": slug,
        "eid": eid,
        "ref": f"{slug}/{eid}",
        "citation": citation,
        "heading": heading,
        "text": text,
    }


class LinkSerializer(serializers.Serializer):
    """An effective row: a link (both sides), an added target unit or a pruned source unit.

    Needs ``context={"index": CorpusIndex, "target": target slug}``.
    """

    relation = serializers.ChoiceField(choices=RELATIONS)
    target = serializers.SerializerMethodField(help_text="The target unit; null for a pruned source unit.")
    source = serializers.SerializerMethodField(help_text="The source unit; null for an added target unit.")  # type: ignore[assignment]
    score = serializers.FloatField(allow_null=True, help_text="Similarity 0-100 of a link.")
    features = serializers.ListField(
        child=serializers.ChoiceField(choices=FEATURES), help_text="How a modified link changed its source."
    )
    evidence = serializers.ListField(
        child=serializers.ChoiceField(choices=EVIDENCE_KINDS),
        help_text="What the engine linked the pair on (empty for links a curator made).",
    )
    added_share = serializers.FloatField(allow_null=True, help_text="Share of the target's words the source lacks.")
    removed_share = serializers.FloatField(allow_null=True, help_text="Share of the source's words the target dropped.")
    diff = DiffOpSerializer(many=True, help_text="Word diff from source to target (links only).")
    origin = serializers.ChoiceField(choices=["machine", "curated"])
    decision_id = serializers.IntegerField(allow_null=True, help_text="The curated decision behind the row, if any.")
    note = serializers.CharField(allow_blank=True, help_text="The curator's note.")

    @extend_schema_field(SideSerializer(allow_null=True))
    def get_target(self, row: Row) -> dict[str, Any] | None:
        return side(self.context["index"], self.context["target"], row.target_eid)

    @extend_schema_field(SideSerializer(allow_null=True))
    def get_source(self, row: Row) -> dict[str, Any] | None:
        return side(self.context["index"], row.source_treaty, row.source_eid)


class DecisionSerializer(serializers.ModelSerializer):
    target = serializers.CharField(source="target_eid", help_text="The target unit's eId.")
    source = serializers.CharField(source="source_ref", help_text="`<source instrument id>/<eId>`.")  # type: ignore[assignment]
    user = serializers.CharField(source="user.get_username", allow_null=True, default=None)
    diff = DiffOpSerializer(many=True)

    class Meta:
        model = CuratedDecision
        fields = ["id", "target", "source", "action", "relation", "score", "note", "user", "created_at", "diff"]


class CandidateFields(serializers.Serializer):
    """What the API and the export say of a candidate besides its two units."""

    rank = serializers.IntegerField(help_text="1 = the unit's best candidate.")
    score = serializers.FloatField(help_text="The engine's combined score of the pair, 0-100.")
    evidence = serializers.ListField(
        child=serializers.ChoiceField(choices=EVIDENCE_KINDS),
        help_text="Kinds of evidence that held for the pair before the linker dropped it (often none).",
    )
    meaning = serializers.FloatField(allow_null=True, help_text="Cosine x 100 of the units' embeddings, if any.")
    shared_words = serializers.ListField(
        child=serializers.CharField(), help_text="Content words both use, rarest first."
    )


#: Which unit a candidate is offered for.
OFFERED_FOR_HELP = (
    "`target`: a possible source of the added target unit; `source`: a possible target of the pruned source unit."
)


class CandidateSerializer(CandidateFields):
    """A pair the engine offers curators for an added target unit or a pruned source unit: never a link.

    Needs ``context={"index": CorpusIndex, "target": target slug}``.
    """

    offered_for = serializers.ChoiceField(source="side", choices=["target", "source"], help_text=OFFERED_FOR_HELP)
    target = serializers.SerializerMethodField(help_text="The target unit.")
    source = serializers.SerializerMethodField(help_text="The source unit.")  # type: ignore[assignment]

    @extend_schema_field(SideSerializer)
    def get_target(self, candidate: CandidateRow) -> dict[str, Any] | None:
        return side(self.context["index"], self.context["target"], candidate.target_eid)

    @extend_schema_field(SideSerializer)
    def get_source(self, candidate: CandidateRow) -> dict[str, Any] | None:
        return side(self.context["index"], candidate.source_treaty, candidate.source_eid)


class ExportLinkSerializer(serializers.Serializer):
    target = serializers.CharField(help_text="`<instrument id>/<eId>`.")
    source = serializers.CharField(help_text="`<instrument id>/<eId>`.")  # type: ignore[assignment]
    relation = serializers.ChoiceField(choices=LINK_RELATIONS)
    score = serializers.FloatField(allow_null=True)
    features = serializers.ListField(child=serializers.CharField())
    origin = serializers.ChoiceField(choices=["machine", "curated"])
    evidence = serializers.ListField(child=serializers.CharField(), required=False, help_text="With `evidence=true`.")


class ExportCandidateSerializer(CandidateFields):
    candidate = serializers.BooleanField(help_text="Always true: a pair the engine offers curators, not a link.")
    offered_for = serializers.ChoiceField(choices=["target", "source"], help_text=OFFERED_FOR_HELP)
    target = serializers.CharField(help_text="`<instrument id>/<eId>`.")
    source = serializers.CharField(help_text="`<instrument id>/<eId>`.")  # type: ignore[assignment]


class ExportSerializer(serializers.Serializer):
    """The shape `manage.py export_alignment` writes (documentation only)."""

    target = serializers.SlugField()
    sources = serializers.ListField(child=serializers.SlugField())
    unit_level = serializers.ChoiceField(choices=LEVELS)
    links = ExportLinkSerializer(many=True)
    added = serializers.ListField(child=serializers.CharField(), help_text="Target units with no source.")
    pruned = serializers.ListField(child=serializers.CharField(), help_text="Source units the target left out.")
    candidates = ExportCandidateSerializer(
        many=True, required=False, help_text="With `candidates=true`: never links, a list of their own."
    )


class MatchSerializer(serializers.Serializer):
    instrument = serializers.SlugField(source="unit.instrument")
    eid = serializers.CharField(source="unit.eid")
    ref = serializers.CharField(source="unit.ref")
    citation = serializers.CharField()
    heading = serializers.CharField(source="unit.heading")
    text = serializers.CharField(source="unit.text")
    score = serializers.FloatField(help_text="Similarity of the wording, 0-100.")
    diff = DiffOpSerializer(many=True, source="link.diff", help_text="From the provision (source) to your text.")


class FindSourceResultSerializer(serializers.Serializer):
    results = MatchSerializer(many=True, help_text="Best first.")


# ---- query parameters and request bodies ---------------------------------------------------------------


def _ref_field(**kwargs: Any) -> serializers.RegexField:
    return serializers.RegexField(REF_PATTERN, max_length=265, **kwargs)


def query_field(field: forms.Field) -> serializers.Field:
    """A page extension's filter (a form field) as a query parameter of the API: the same values, the same
    cleaned value (a model instance for a model choice), documented in the schema."""
    label = str(field.label or "")
    help_text = f"{label} (a filter the research layer adds)." if label else "A filter an extension adds."
    if isinstance(field, forms.ModelChoiceField):
        queryset = field.queryset
        if field.to_field_name:
            return serializers.SlugRelatedField(
                slug_field=field.to_field_name, queryset=queryset, required=False, help_text=help_text
            )
        return serializers.PrimaryKeyRelatedField(queryset=queryset, required=False, help_text=help_text)
    if isinstance(field, forms.ChoiceField):
        given: Any = field.choices
        choices = [(value, label) for value, label in given if value != ""]
        if choices:
            return serializers.ChoiceField(choices=choices, required=False, help_text=help_text)
    return serializers.CharField(max_length=200, required=False, help_text=help_text)


class LinkQuerySerializer(serializers.Serializer):
    """Filters of the links list (repeat a parameter for several values: any of them), and those the page
    extensions add (``comparisons.extensions``: the research layer's ``norm``, ``explained``, ``tagged``)."""

    relation = serializers.MultipleChoiceField(choices=RELATIONS, required=False, help_text="Any of these relations.")
    feature = serializers.MultipleChoiceField(
        choices=FEATURES, required=False, help_text="Links with any of these changes."
    )
    evidence = serializers.MultipleChoiceField(
        choices=EVIDENCE_KINDS, required=False, help_text="Links found on any of these kinds of evidence."
    )
    source = serializers.RegexField(  # type: ignore[assignment]
        SLUG_PATTERN, max_length=64, required=False, help_text="Rows of this source instrument."
    )
    article = serializers.RegexField(
        EID_PATTERN, max_length=200, required=False, help_text="Rows of this target article (its eId, e.g. `art_5`)."
    )
    source_article = _ref_field(required=False, help_text="Rows of this source article (`untoc/art_5`).")
    curated = serializers.ChoiceField(
        choices=["true", "false"], required=False, help_text="`true`: rows a curator decided; `false`: machine rows."
    )
    level = serializers.ChoiceField(
        choices=LEVELS, default="paragraph", help_text="Paragraph rows, or links rolled up to articles."
    )

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        for name, field in extension_filter_fields().items():
            fields.setdefault(name, query_field(field))
        return fields

    def extension_filters(self) -> dict[str, Any]:
        """The values given for the extensions' filters."""
        ours = set(self._declared_fields)
        return {name: value for name, value in self.validated_data.items() if name not in ours and value}


class ExportQuerySerializer(serializers.Serializer):
    level = serializers.ChoiceField(choices=LEVELS, default="paragraph", help_text="Paragraph units, or articles.")
    evidence = serializers.ChoiceField(
        choices=["true", "false"], default="false", help_text="`true` adds each link's evidence."
    )
    candidates = serializers.ChoiceField(
        choices=["true", "false"],
        default="false",
        help_text="`true` adds the engine's candidates for the added and pruned units (those no curator decided "
        "on) as a separate `candidates` list; in CSV, rows with no relation marked in a last `candidate` column "
        "(`possible_source` / `possible_target`). Paragraph level only.",
    )
    format = serializers.ChoiceField(choices=["json", "csv"], required=False, help_text="Or send `Accept: text/csv`.")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs.get("candidates") == "true" and attrs.get("level") != "paragraph":
            raise serializers.ValidationError(
                {"candidates": ["Candidates are offered for paragraphs: use level=paragraph."]}
            )
        return attrs


class DecisionInputSerializer(serializers.Serializer):
    target = serializers.RegexField(
        EID_PATTERN, max_length=200, help_text="The target unit's eId, e.g. `art_5__para_1`."
    )
    source = _ref_field(help_text="The source unit, `<instrument id>/<eId>`, e.g. `untoc/art_5__para_1`.")  # type: ignore[assignment]
    action = serializers.ChoiceField(choices=CuratedDecision.Action.choices)
    relation = serializers.ChoiceField(
        choices=LINK_RELATIONS,
        required=False,
        default="",
        help_text="For `relate`; `accept` of a pair the latest run did not link (a candidate) takes the relation "
        "the engine classifies it as unless one is given.",
    )
    note = serializers.CharField(max_length=NOTE_MAX, required=False, default="", allow_blank=True)


class FindSourceInputSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=TEXT_MAX, help_text="The clause whose source you are looking for.")
    instruments = serializers.ListField(
        child=serializers.RegexField(SLUG_PATTERN, max_length=64),
        required=False,
        default=list,
        max_length=50,
        help_text="Search only these instruments (ids); all when absent.",
    )
    limit = serializers.IntegerField(min_value=1, max_value=MAX_RESULTS, default=MAX_RESULTS)

    def validate_text(self, value: str) -> str:
        if not re.search(r"\w", value):
            raise serializers.ValidationError("Give some words to look for.")
        return value
