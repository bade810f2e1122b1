"""Comparisons with their counts, their effective alignment rows, curated decisions, the exports
and find-the-source. Views parse, authorise, call selectors and services, and render."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.permissions import CuratorsWrite
from core.api.documentation import lists, reads, writes
from core.api.errors import LIST_ERRORS, READ_ERRORS
from core.api.views import ConditionalGetMixin, JsonErrorsMixin, validated
from treaties.eids import article_of

from .. import services
from ..display.rows import RowFilter
from ..extensions import row_extras
from ..models import Comparison, CuratedDecision
from ..selectors import alignment_export, corpus_index, effective_rows, latest_counts, offered_candidates
from .renderers import ExportCSVRenderer
from .serializers import (
    CandidateSerializer,
    ComparisonSerializer,
    DecisionInputSerializer,
    DecisionSerializer,
    ExportQuerySerializer,
    ExportSerializer,
    FindSourceInputSerializer,
    FindSourceResultSerializer,
    LinkQuerySerializer,
    LinkSerializer,
)

#: A comparison's slug in a URL: ``coe-trafficking--tip-protocol+untoc``.
COMPARISON_SLUG = r"[a-z0-9+-]+"
COMPARISON_PATH = OpenApiParameter(
    "slug",
    OpenApiTypes.STR,
    OpenApiParameter.PATH,
    pattern=f"^{COMPARISON_SLUG}$",
    description="The comparison, `<target>--<source>+<source>`, e.g. `coe-trafficking--tip-protocol+untoc`.",
    examples=[
        OpenApiExample("CoE Convention", value="coe-trafficking--tip-protocol+untoc"),
        OpenApiExample("Smuggling Protocol", value="smuggling-protocol--tip-protocol"),
    ],
)


def _comparison(slug: str) -> Comparison:
    return get_object_or_404(Comparison.objects.with_instruments(), slug=slug)


@extend_schema_view(
    list=lists(ComparisonSerializer, "Every comparison with its latest run and units per relation"),
    retrieve=reads(ComparisonSerializer, "One comparison with its latest run and units per relation", COMPARISON_PATH),
)
class ComparisonViewSet(ConditionalGetMixin, JsonErrorsMixin, viewsets.GenericViewSet):
    """Comparisons by slug. Counts are effective: the latest run with every curated decision laid over it."""

    queryset = Comparison.objects.with_instruments().order_by("slug")
    serializer_class = ComparisonSerializer
    lookup_field = "slug"
    lookup_value_regex = COMPARISON_SLUG
    filter_backends: list[Any] = []

    def list(self, request: Request) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        assert page is not None
        return self.get_paginated_response(ComparisonSerializer(latest_counts(page), many=True).data)

    def retrieve(self, request: Request, slug: str) -> Response:
        (found,) = latest_counts([_comparison(slug)])
        return Response(ComparisonSerializer(found).data)

    @extend_schema(
        summary="The alignment export (JSON or CSV) as a download",
        description="The current alignment, curated decisions included, in the shape `manage.py export_alignment` "
        "writes. `?format=csv` (or `Accept: text/csv`) gives the CSV.",
        parameters=[COMPARISON_PATH, ExportQuerySerializer],
        responses={
            (200, "application/json"): ExportSerializer,
            (200, "text/csv"): OpenApiResponse(
                OpenApiTypes.STR,
                examples=[
                    OpenApiExample(
                        "CSV",
                        value="target,source,relation,score,features,origin\n"
                        "coe-trafficking/art_4__para_1,tip-protocol/art_3__para_1,modified,71.5,text_added,machine\n",
                        media_type="text/csv",
                    )
                ],
            ),
            **LIST_ERRORS,
            **READ_ERRORS,
        },
    )
    @action(detail=True, renderer_classes=[JSONRenderer, ExportCSVRenderer], url_path="export")
    def export(self, request: Request, slug: str) -> Response:
        query = validated(ExportQuerySerializer, request.query_params)
        comparison = _comparison(slug)
        level, with_evidence = query["level"], query["evidence"] == "true"
        data = alignment_export(
            comparison, level, with_evidence=with_evidence, with_candidates=query["candidates"] == "true"
        )
        self.with_evidence = with_evidence
        extension = request.accepted_renderer.format
        filename = f"{comparison.slug.replace('+', '_')}-{level}.{extension}"
        return Response(data, headers={"Content-Disposition": f'attachment; filename="{filename}"'})

    def get_renderer_context(self) -> dict[str, Any]:
        return {**super().get_renderer_context(), "with_evidence": getattr(self, "with_evidence", False)}


@extend_schema_view(
    list=lists(
        LinkSerializer,
        "The effective alignment rows of a comparison",
        description="The latest run's rows with every curated decision laid over them: links in target order, "
        "then added target units, then pruned source units. Each row has both eIds and texts, the score, "
        "change features, evidence, word diff and origin (machine or curated). Filters the research layer adds: "
        "`norm` (rows a published explanation names that norm on), `explained` (`yes`/`no`), `tagged` (a tag id).",
        parameters=[LinkQuerySerializer],
        under=COMPARISON_PATH,
    )
)
class LinkViewSet(ConditionalGetMixin, viewsets.GenericViewSet):
    """Six queries whatever the page size: comparison, sources, latest run, its rows, decisions,
    the treaties' checksums (texts come from the cached corpus index); an extension's filter adds its
    own fixed number (``comparisons.extensions``: every method answers in a fixed number of queries)."""

    serializer_class = LinkSerializer
    filter_backends: list[Any] = []

    def list(self, request: Request, slug: str) -> Response:
        serializer = LinkQuerySerializer(data=request.query_params)
        serializer.is_valid(raise_exception=True)
        query = serializer.validated_data
        comparison = _comparison(slug)
        if query.get("source") and query["source"] not in comparison.source_slugs():
            raise ValidationError({"source": [f"{query['source']!r} is not a source of {comparison.slug}."]})
        keep = RowFilter(
            relations=frozenset(query.get("relation") or ()),
            features=frozenset(query.get("feature") or ()),
            evidence=frozenset(query.get("evidence") or ()),
            instrument=query.get("source", ""),
            source_article=query.get("source_article", ""),
            curated={"true": True, "false": False}.get(query.get("curated", "")),
        )
        article = query.get("article", "")
        rows = effective_rows(comparison, query["level"])
        kept_keys = None
        if extension_filters := serializer.extension_filters():
            kept_keys = row_extras(comparison=comparison, rows=rows, filters=extension_filters, user=request.user).keep
        rows = [
            row
            for row in rows
            if keep.keeps(row)
            and (not article or (row.target_eid and article_of(row.target_eid) == article))
            and (kept_keys is None or row.key in kept_keys)
        ]
        page = self.paginate_queryset(rows)  # type: ignore[arg-type]
        context = {"index": corpus_index(), "target": comparison.target.slug}
        return self.get_paginated_response(LinkSerializer(page, many=True, context=context).data)


@extend_schema_view(
    list=lists(
        CandidateSerializer,
        "The engine's candidates for the added and pruned units of a comparison",
        description="For every target unit the effective alignment leaves added, its possible sources, and for "
        "every pruned source unit its possible targets: the latest run's best unlinked pairs (at most three "
        "each), best first, with their evidence. Never links; a pair a curator has decided on is not offered. "
        "Accept one by posting an `accept` decision on its pair.",
        under=COMPARISON_PATH,
    )
)
class CandidateViewSet(ConditionalGetMixin, viewsets.GenericViewSet):
    """A fixed number of queries whatever the page size (texts come from the cached corpus index)."""

    serializer_class = CandidateSerializer
    filter_backends: list[Any] = []

    def list(self, request: Request, slug: str) -> Response:
        comparison = _comparison(slug)
        candidates = offered_candidates(comparison, effective_rows(comparison))
        page = self.paginate_queryset(candidates)  # type: ignore[arg-type]
        context = {"index": corpus_index(), "target": comparison.target.slug}
        return self.get_paginated_response(CandidateSerializer(page, many=True, context=context).data)


class DecisionFilter(django_filters.FilterSet):
    target = django_filters.CharFilter(
        field_name="target_eid", max_length=200, help_text="Decisions on this target unit (eId)."
    )
    source = django_filters.CharFilter(
        method="filter_source", max_length=265, help_text="Decisions on this source unit (`untoc/art_5__para_1`)."
    )
    action = django_filters.ChoiceFilter(choices=CuratedDecision.Action.choices)

    class Meta:
        model = CuratedDecision
        fields = ["target", "source", "action"]

    def filter_source(self, queryset: QuerySet[CuratedDecision], name: str, value: str) -> QuerySet[CuratedDecision]:
        source_treaty, _, source_eid = value.partition("/")
        return queryset.filter(source_treaty=source_treaty, source_eid=source_eid)


DECISION_PATH = OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH)
DECISION_EXAMPLE = OpenApiExample(
    "Accept a machine link",
    value={"target": "art_5__para_1", "source": "tip-protocol/art_9__para_1", "action": "accept", "note": "checked"},
    request_only=True,
)


@extend_schema_view(
    list=lists(DecisionSerializer, "The curated decisions of a comparison, newest first", under=COMPARISON_PATH),
    retrieve=reads(DecisionSerializer, "One curated decision", DECISION_PATH, under=COMPARISON_PATH),
    create=writes(
        DecisionSerializer,
        "Record a curator's decision on a pair (curators only)",
        description="`accept` keeps the machine's link, `reject` removes it, `relate` adds or re-labels a link with "
        "`relation`. The newest decision on a pair wins, in this and every later run.",
        request=DecisionInputSerializer,
        examples=[DECISION_EXAMPLE],
        under=COMPARISON_PATH,
        created=True,
    ),
)
class DecisionViewSet(
    ConditionalGetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Anyone reads decisions; curators (``accounts.roles.can_curate``) record them."""

    serializer_class = DecisionSerializer
    filterset_class = DecisionFilter
    permission_classes = [CuratorsWrite]
    lookup_value_regex = r"[0-9]+"

    def get_queryset(self) -> QuerySet[CuratedDecision]:
        if getattr(self, "swagger_fake_view", False):  # drf-spectacular reading the view
            return CuratedDecision.objects.none()
        comparison = _comparison(self.kwargs["slug"])
        return comparison.decisions.select_related("user").order_by("-created_at", "-pk")

    def create(self, request: Request, slug: str) -> Response:
        data = validated(DecisionInputSerializer, request.data)
        comparison = _comparison(slug)
        # A refusal (services.ComparisonError) is a 400 naming the field: core.api.errors.
        decision = services.record_posted_decision(comparison=comparison, posted=data, user=request.user)
        return Response(DecisionSerializer(decision).data, status=status.HTTP_201_CREATED)


class FindSourceView(APIView):
    """Which provisions, across every instrument, read most like a text? A read, so open to anyone."""

    permission_classes = [permissions.AllowAny]

    @extend_schema(
        summary="Find the source of a text: the provisions that read most like it",
        request=FindSourceInputSerializer,
        examples=[
            OpenApiExample(
                "A clause",
                value={"text": "Each State Party shall adopt such legislative measures", "limit": 3},
                request_only=True,
            )
        ],
        responses={200: FindSourceResultSerializer, 400: LIST_ERRORS[400]},
    )
    def post(self, request: Request) -> Response:
        data = validated(FindSourceInputSerializer, request.data)
        index = corpus_index()
        unknown = [slug for slug in data["instruments"] if slug not in index.labels]
        if unknown:
            raise ValidationError({"instruments": [f"No imported instrument with id {slug!r}." for slug in unknown]})
        matches = index.search(data["text"], limit=data["limit"], instruments=data["instruments"])
        return Response(FindSourceResultSerializer({"results": matches}).data)
