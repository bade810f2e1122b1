"""The norm vocabulary, the bibliography, the literature's findings and the annotations (explanations of
alignment decisions) with their history and exports. Views parse, call the research selectors and
services (which hold the rules: roles, ownership, eIds that exist) and render."""

from __future__ import annotations

from typing import Any

import django_filters
from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from comparisons.models import Comparison
from core.api.documentation import lists, path, reads, writes
from core.api.errors import LIST_ERRORS, READ_ERRORS, as_json
from core.api.filters import related_filter
from core.api.views import ConditionalGetMixin, JsonErrorsMixin, validated

from .. import exports, selectors, services
from ..models import Annotation, Norm, NormFamily, Reference, Stage, mark_orphans
from .common import (
    ANNOTATION_PATH,
    FINDING_PATH,
    SLUG_PATH,
    CuratedListViewSet,
    ServiceViewSet,
    documented,
    download,
    service_action,
    service_errors,
)
from .renderers import CSVRenderer, JsonLdRenderer
from .serializers import (
    AnnotationContentSerializer,
    AnnotationExportQuerySerializer,
    AnnotationInputSerializer,
    AnnotationSerializer,
    FindingSerializer,
    HistorySerializer,
    NormFamilyInputSerializer,
    NormFamilySerializer,
    NormInputSerializer,
    NormSerializer,
    ReferenceInputSerializer,
    ReferenceSerializer,
    StatusInputSerializer,
)

#: Service fields named as the API names them.
ANNOTATION_FIELDS = {"target_eid": "target", "source_eid": "source", "source_treaty": "source"}


# ---- the vocabulary and the bibliography -------------------------------------------------------


@extend_schema_view(
    **documented(
        NormFamilySerializer,
        path=SLUG_PATH,
        listed="Norm families, in the vocabulary's order, with their norms' slugs",
        one="One norm family",
        created="Add a norm family (curators only)",
        body=NormFamilyInputSerializer,
        example={"name": "Regional identity", "asean_way": True},
    )
)
class NormFamilyViewSet(CuratedListViewSet):
    """Anyone reads the vocabulary; curators add to it."""

    queryset = NormFamily.objects.prefetch_related("norms").order_by("position", "name", "pk")
    serializer_class = NormFamilySerializer
    filter_backends: list[Any] = []
    create_with = services.create_norm_family
    body = NormFamilyInputSerializer


class NormFilter(django_filters.FilterSet):
    family = related_filter("family", NormFamily.objects.all(), "A family's slug.")

    class Meta:
        model = Norm
        fields = ["family"]


@extend_schema_view(
    **documented(
        NormSerializer,
        path=SLUG_PATH,
        listed="Norms, in the vocabulary's order, with their definitions and citations",
        one="One norm",
        created="Add a norm to a family (curators only)",
        body=NormInputSerializer,
        example={
            "name": "Consultation",
            "family": "asean-way",
            "definition": "Decisions are prepared by consulting every member.",
            "citations": [{"reference": "acharya-2004", "locator": "p. 245"}],
        },
    )
)
class NormViewSet(CuratedListViewSet):
    """Three queries a page whatever its size: count, norms with families, citations with references."""

    queryset = Norm.objects.for_listing().order_by("family__position", "family__name", "position", "name", "pk")
    serializer_class = NormSerializer
    filterset_class = NormFilter
    create_with = services.create_norm
    body = NormInputSerializer


@extend_schema_view(
    **documented(
        ReferenceSerializer,
        path=path("slug", "The reference's slug.", "acharya-2004"),
        listed="The bibliography, by authors and year",
        one="One reference",
        created="Add a reference (curators only)",
        body=ReferenceInputSerializer,
        example={"slug": "doe-2020", "authors": "J. Doe", "year": 2020, "title": "Norms in Practice"},
    )
)
class ReferenceViewSet(CuratedListViewSet):
    queryset = Reference.objects.order_by("authors", "year", "slug")
    serializer_class = ReferenceSerializer
    filter_backends: list[Any] = []
    create_with = services.create_reference
    body = ReferenceInputSerializer


# ---- the literature's findings -----------------------------------------------------------------


@extend_schema_view(
    list=lists(
        FindingSerializer,
        "The literature's findings: claims, norms, citations and the alignment's verdict",
        description="Each finding's claims name source provisions (eIds) and what the literature says happened "
        "to them in the target instrument; for every aligned comparison of that instrument, each claim is read "
        "against the latest run (curated decisions included) and judged: `agrees`, `disagrees`, `not judged`.",
    ),
    retrieve=reads(FindingSerializer, "One finding with its evidence", FINDING_PATH),
)
class FindingViewSet(ConditionalGetMixin, viewsets.GenericViewSet):
    """``research.selectors.findings_with_evidence``: a fixed number of queries, one overlay per comparison."""

    serializer_class = FindingSerializer
    lookup_field = "slug"
    filter_backends: list[Any] = []

    def list(self, request: Request) -> Response:
        page = self.paginate_queryset(selectors.findings_with_evidence())  # type: ignore[arg-type]
        return self.get_paginated_response(FindingSerializer(page, many=True).data)

    def retrieve(self, request: Request, slug: str) -> Response:
        found = next((f for f in selectors.findings_with_evidence() if f.finding.slug == slug), None)
        if found is None:
            raise Http404(f"No finding {slug!r}.")
        return Response(FindingSerializer(found).data)


# ---- annotations --------------------------------------------------------------------------------


class AnnotationFilter(django_filters.FilterSet):
    comparison = related_filter("comparison", Comparison.objects.all(), "A comparison's slug.")
    norm = related_filter("norms", Norm.objects.all(), "Annotations naming this norm.")
    stage = django_filters.ChoiceFilter(choices=Stage.choices)
    status = django_filters.ChoiceFilter(choices=Annotation.Status.choices)
    kind = django_filters.ChoiceFilter(choices=Annotation.Kind.choices)
    origin = django_filters.ChoiceFilter(choices=Annotation.Origin.choices)
    author = related_filter("author", get_user_model()._default_manager.all(), "The author's username.", by="username")
    target = django_filters.CharFilter(
        field_name="target_eid", max_length=200, help_text="Annotations on this target eId (e.g. `art_5__para_1`)."
    )
    source = django_filters.CharFilter(
        method="filter_source", max_length=265, help_text="On this source: an eId, or `<instrument id>/<eId>`."
    )

    class Meta:
        model = Annotation
        fields = ["comparison", "norm", "stage", "status", "kind", "origin", "author", "target", "source"]

    def filter_source(self, queryset: QuerySet[Annotation], name: str, value: str) -> QuerySet[Annotation]:
        treaty, _, eid = value.rpartition("/")
        found = queryset.filter(source_eid=eid)
        return found.filter(source_treaty=treaty) if treaty else found


ANNOTATION_EXAMPLE = OpenApiExample(
    "Explain a pruned provision",
    value={
        "comparison": "coe-trafficking--tip-protocol+untoc",
        "source": "untoc/art_8__para_2",
        "norms": ["sovereignty"],
        "stage": "pruning",
        "rationale": "Left out: it reaches into how states organise their own officials.",
        "citations": [{"reference": "acharya-2004", "locator": "p. 245"}],
    },
    request_only=True,
)
_CSV_EXAMPLE = "id,origin,comparison,kind,target_instrument,target_eid,source_treaty,source_eid,...\n"


@extend_schema_view(
    **documented(
        AnnotationSerializer,
        path=ANNOTATION_PATH,
        listed="Annotations: explanations of alignment decisions and literature claims",
        listing="Anonymous clients see published annotations; signed-in researchers also their own drafts; "
        "curators every draft. Oldest first.",
        one="One annotation",
        created="Explain a decision of a comparison (researchers; saved as a draft)",
        description="Name the decision by `target` (a target eId) and/or `source` (`<source id>/<eId>`): both for "
        "a link, `target` alone for an added unit, `source` alone for a pruned one.",
        body=AnnotationInputSerializer,
        examples=[ANNOTATION_EXAMPLE],
    ),
    partial_update=writes(
        AnnotationSerializer,
        "Change what an annotation says (its author, or a curator)",
        ANNOTATION_PATH,
        description="Only the fields given change; the decision it is on never does. Every change is kept in "
        "its history.",
        request=AnnotationContentSerializer,
        examples=[OpenApiExample("Edit", value={"rationale": "Second thoughts.", "stage": "grafting"})],
    ),
)
class AnnotationViewSet(JsonErrorsMixin, ServiceViewSet):
    """Reads through ``research.selectors.visible``; writes through ``research.services`` (roles, ownership)."""

    serializer_class = AnnotationSerializer
    filterset_class = AnnotationFilter
    object_name = "annotation"
    rename = ANNOTATION_FIELDS
    update_with = services.update_annotation
    update_body = AnnotationContentSerializer

    def get_queryset(self) -> QuerySet[Annotation]:
        return selectors.visible(self.request.user).for_display().order_by("created_at", "pk")

    def prepared(self, found: Any) -> Any:
        return mark_orphans([found])[0]

    def list(self, request: Request) -> Response:
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        assert page is not None
        return self.get_paginated_response(AnnotationSerializer(mark_orphans(page), many=True).data)

    def retrieve(self, request: Request, pk: str) -> Response:
        return Response(AnnotationSerializer(self.prepared(self.get_object())).data)

    def create(self, request: Request) -> Response:
        serializer = AnnotationInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with service_errors(ANNOTATION_FIELDS):
            annotation = services.create_annotation(
                user=request.user,
                comparison=serializer.validated_data["comparison"],
                **serializer.decision(),
                **serializer.content(),
            )
        return self.shown(annotation, status.HTTP_201_CREATED)

    status = service_action(
        "status",
        services.set_status,
        StatusInputSerializer,
        answer=AnnotationSerializer,
        path=ANNOTATION_PATH,
        summary="Publish an annotation, or withdraw it to draft (curators only)",
        example=OpenApiExample("Publish", value={"status": "published"}, request_only=True),
    )

    @reads(
        HistorySerializer(many=True),
        "An annotation's history: every version, who saved it and when (oldest first)",
        ANNOTATION_PATH,
    )
    @action(detail=True, url_path="history", pagination_class=None, filter_backends=[])
    def history(self, request: Request, pk: str) -> Response:
        annotation = self.get_object()
        records = (
            annotation.history.select_related("history_user")  # type: ignore[attr-defined]
            .prefetch_related("historicalannotation_norms_set__norm")
            .order_by("history_date", "history_id")
        )
        return Response(HistorySerializer(records, many=True).data)

    @extend_schema(
        summary="The published annotations as W3C Web Annotation JSON-LD or CSV, as a download",
        description="One `AnnotationCollection` (or one CSV row per annotation) of every published explanation "
        "and literature claim; `?comparison=` for one comparison's explanations. `?format=csv` or "
        "`Accept: text/csv` for CSV.",
        parameters=[AnnotationExportQuerySerializer],
        responses={
            (200, "application/ld+json"): OpenApiResponse(OpenApiTypes.OBJECT, description="An AnnotationCollection."),
            (200, "text/csv"): OpenApiResponse(
                OpenApiTypes.STR, examples=[OpenApiExample("CSV", value=_CSV_EXAMPLE, media_type="text/csv")]
            ),
            **as_json({**LIST_ERRORS, **READ_ERRORS}),
        },
    )
    @action(
        detail=False,
        url_path="export",
        renderer_classes=[JsonLdRenderer, CSVRenderer],
        pagination_class=None,
        filter_backends=[],
    )
    def export(self, request: Request) -> Response:
        query = validated(AnnotationExportQuerySerializer, request.query_params)
        slug = query["comparison"].slug if query.get("comparison") else ""
        annotations = list(exports.exported(slug))
        fmt = request.accepted_renderer.format
        headers = download(exports.filename(fmt, slug))
        if fmt == "csv":
            return Response(exports.csv_text(annotations), headers=headers)
        return Response(exports.jsonld(annotations, comparison=slug), headers=headers)
