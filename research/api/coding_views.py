"""Tagging through the API: codebooks and their tag trees, tags (curators manage them), codings
(researchers write their own), agreement (κ, α) and settled disagreements, and the downloads
(codings as CSV or JSON, a codebook as REFI-QDA ``.qdc``). Reads come from
``research.coding_selectors``, writes from ``research.coding_services``."""

from __future__ import annotations

from functools import partial
from typing import Any

import django_filters
from django.db.models import Count, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.permissions import CuratorsWrite
from comparisons.api.serializers import EID_PATTERN, SLUG_PATTERN
from core.api.documentation import lists, reads, writes
from core.api.errors import LIST_ERRORS, READ_ERRORS, WRITE_ERRORS, as_json
from core.api.filters import related_filter
from core.api.views import ConditionalGetMixin, JsonErrorsMixin, validated

from .. import coding_selectors as selectors
from .. import coding_services as services
from ..coding_exchange import write_codings
from ..coding_models import Codebook, Coding, SettledCoding, Tag, TagStatus
from ..qdc import build
from .common import (
    CODEBOOK_PATH,
    CODING_PATH,
    TAG_PATH,
    CuratedListViewSet,
    ServiceViewSet,
    call,
    documented,
    download,
    service_action,
    service_errors,
)
from .renderers import CSVRenderer, QdcRenderer
from .serializers import (
    AgreementQuerySerializer,
    AgreementSerializer,
    CodebookInputSerializer,
    CodebookSerializer,
    CodingInputSerializer,
    CodingRecordSerializer,
    CodingSerializer,
    MemoSerializer,
    SettledSerializer,
    SettleInputSerializer,
    TagInputSerializer,
    TagMergeSerializer,
    TagMoveSerializer,
    TagSerializer,
    TagTreeSerializer,
    TagUpdateSerializer,
)

# ---- codebooks ----------------------------------------------------------------------------------


@extend_schema_view(
    **documented(
        CodebookSerializer,
        path=CODEBOOK_PATH,
        listed="Codebooks, by name",
        one="One codebook",
        created="Create a codebook (curators only)",
        body=CodebookInputSerializer,
        example={"slug": "themes", "name": "Themes"},
    )
)
class CodebookViewSet(JsonErrorsMixin, CuratedListViewSet):
    queryset = Codebook.objects.order_by("name", "slug")
    serializer_class = CodebookSerializer
    filter_backends: list[Any] = []
    create_with = services.create_codebook
    body = CodebookInputSerializer

    @reads(TagTreeSerializer, "The codebook's tags as a tree, each with its number of codings", CODEBOOK_PATH)
    @action(detail=True, url_path="tree", pagination_class=None)
    def tree(self, request: Request, slug: str) -> Response:
        book = self.get_object()
        nodes: list[dict[str, Any]] = [
            {"tag": n.tag, "path": n.path, "codings": n.codings, "children": [], "parent": n.tag.parent_id}
            for n in selectors.tag_tree(book)
        ]
        by_id = {node["tag"].pk: node for node in nodes}
        roots: list[dict[str, Any]] = []
        for node in nodes:  # tree order: parents come first
            (by_id[node["parent"]]["children"] if node["parent"] in by_id else roots).append(node)
        return Response(TagTreeSerializer({"codebook": book.slug, "tags": roots}).data)

    @extend_schema(
        summary="The codebook as a REFI-QDA codebook (.qdc), as a download",
        description="Valid against the REFI-QDA Codebook.xsd; statuses travel as the sets `normdiff: proposed` "
        "and `normdiff: retired`. 404 while the codebook has no tags.",
        parameters=[CODEBOOK_PATH],
        responses={
            (200, "application/xml"): OpenApiResponse(
                OpenApiTypes.STR,
                examples=[
                    OpenApiExample(
                        "qdc",
                        value='<?xml version="1.0" encoding="utf-8"?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0">',
                        media_type="application/xml",
                    )
                ],
            ),
            **as_json(READ_ERRORS),
        },
    )
    @action(detail=True, url_path="export", renderer_classes=[QdcRenderer])
    def export(self, request: Request, slug: str) -> Response:
        book = self.get_object()
        codes = selectors.codebook_codes(book)
        if not codes:
            raise Http404("This codebook has no tags yet.")
        return Response(build(codes, origin="normdiff"), headers=download(f"{book.slug}.qdc"))


# ---- tags ---------------------------------------------------------------------------------------


class TagFilter(django_filters.FilterSet):
    codebook = related_filter("codebook", Codebook.objects.all(), "A codebook's slug.")
    status = django_filters.ChoiceFilter(choices=TagStatus.choices)
    parent = related_filter("parent", Tag.objects.all(), "Children of this tag (its id).", by=None)

    class Meta:
        model = Tag
        fields = ["codebook", "status", "parent"]


#: The tag's own writes (``POST tags/<id>/<name>/``) answer the tag.
tag_action = partial(service_action, answer=TagSerializer, path=TAG_PATH)


@extend_schema_view(
    **documented(
        TagSerializer,
        path=TAG_PATH,
        listed="Tags of every codebook, by codebook and place, with their paths and number of codings",
        one="One tag",
        created="Add a tag (curators: active) or propose one (researchers: proposed, codable at once)",
        body=TagInputSerializer,
        example={"codebook": "themes", "name": "Victims", "colour": "#1f77b4"},
    ),
    partial_update=writes(
        TagSerializer,
        "Rename, describe, recolour, accept or retire a tag (curators only); its codings stay",
        TAG_PATH,
        request=TagUpdateSerializer,
        examples=[OpenApiExample("Retire", value={"status": "retired"}, request_only=True)],
    ),
)
class TagViewSet(ServiceViewSet):
    """Three queries a page whatever its size: count, tags with their codings counted, every tag's path."""

    serializer_class = TagSerializer
    filterset_class = TagFilter
    object_name = "tag"
    update_with = services.update_tag
    update_body = TagUpdateSerializer

    def get_queryset(self) -> QuerySet[Tag]:
        return (
            Tag.objects.select_related("codebook", "proposed_by")
            .annotate(coding_count=Count("codings"))
            .order_by("codebook__slug", "position", "name", "pk")
        )

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "paths": selectors.tag_paths()}

    def create(self, request: Request) -> Response:
        tag = call(services.create_tag, request, TagInputSerializer)
        return self.shown(tag, status.HTTP_201_CREATED)

    move = tag_action(
        "move",
        services.move_tag,
        TagMoveSerializer,
        summary="Move a tag (with its children and codings) under another, or to the top (curators only)",
        example=OpenApiExample("To the top", value={"parent": None}, request_only=True),
    )
    merge = tag_action(
        "merge",
        services.merge_tag,
        TagMergeSerializer,
        summary="Merge a tag into another (curators only): its codings move, it is retired pointing there",
        example=OpenApiExample("Merge", value={"into": 2}, request_only=True),
    )


# ---- codings ------------------------------------------------------------------------------------


class CodingQuerySerializer(serializers.Serializer):
    codebook = serializers.SlugRelatedField(
        slug_field="slug", queryset=Codebook.objects.all(), required=False, help_text="A codebook's slug."
    )
    tag = serializers.PrimaryKeyRelatedField(queryset=Tag.objects.all(), required=False, help_text="A tag's id.")
    coder = serializers.CharField(max_length=150, required=False, help_text="The coder's username.")
    instrument = serializers.RegexField(
        SLUG_PATTERN, max_length=80, required=False, help_text="Codings of this instrument (as target or source)."
    )
    eid = serializers.RegexField(
        EID_PATTERN, max_length=200, required=False, help_text="Codings of this eId (a provision, or a link's side)."
    )

    def validate_coder(self, value: str) -> Any:
        coder = selectors.coder_named(value)
        if coder is None:
            raise ValidationError(f"Nobody called {value!r} has coded anything.")
        return coder


class CodingExportQuerySerializer(CodingQuerySerializer):
    format = serializers.ChoiceField(choices=["csv", "json"], required=False, help_text="Or send `Accept`.")


def _codings(request: Request, serializer_class: type[serializers.Serializer]) -> list[Coding]:
    """The codings the query parameters ask for (``research.coding_selectors.codings``)."""
    query = validated(serializer_class, request.query_params)
    return selectors.codings(
        coder=query.get("coder"),
        tag=query.get("tag"),
        instrument=query.get("instrument", ""),
        codebook=query.get("codebook"),
        eid=query.get("eid", ""),
    )


@extend_schema_view(
    **documented(
        CodingSerializer,
        path=CODING_PATH,
        listed="Codings of provisions and alignment links, filtered",
        filters=[CodingQuerySerializer],
        one="One coding",
        created="Code a provision or an alignment link with a tag (researchers)",
        description="Name a provision (`instrument`, `eid`) or a link (`comparison`, `target`, `source`). "
        "Coding the same unit with the same tag again adds the memo to your existing coding.",
        body=CodingInputSerializer,
        examples=[
            OpenApiExample(
                "A provision",
                value={"tag": 1, "instrument": "untoc", "eid": "art_5__para_1", "memo": "Participation offence."},
                request_only=True,
            ),
            OpenApiExample(
                "A link",
                value={
                    "tag": 1,
                    "comparison": "smuggling-protocol--tip-protocol",
                    "target": "art_3",
                    "source": "tip-protocol/art_3",
                },
                request_only=True,
            ),
        ],
    ),
    partial_update=writes(CodingSerializer, "Change the memo of your coding", CODING_PATH, request=MemoSerializer),
    destroy=extend_schema(
        summary="Remove your coding", parameters=[CODING_PATH], responses={204: None, **WRITE_ERRORS}
    ),
)
class CodingViewSet(ConditionalGetMixin, JsonErrorsMixin, viewsets.GenericViewSet):
    """A coding is its coder's: only they edit or remove it (``coding_services.may_edit_coding``)."""

    serializer_class = CodingSerializer
    filter_backends: list[Any] = []
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    lookup_value_regex = r"[0-9]+"

    def list(self, request: Request) -> Response:
        page = self.paginate_queryset(_codings(request, CodingQuerySerializer))  # type: ignore[arg-type]
        return self.get_paginated_response(CodingSerializer(page, many=True).data)

    def _found(self, pk: str | int) -> Coding:
        found = selectors.coding(int(pk))
        if found is None:
            raise Http404(f"No coding {pk}.")
        return found

    def retrieve(self, request: Request, pk: str) -> Response:
        return Response(CodingSerializer(self._found(pk)).data)

    def create(self, request: Request) -> Response:
        serializer = CodingInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        with service_errors():
            coding = services.add_coding(user=request.user, tag=data["tag"], unit=serializer.unit(), memo=data["memo"])
        return Response(CodingSerializer(self._found(coding.pk)).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request: Request, pk: str) -> Response:
        coding = self._found(pk)
        call(services.edit_coding, request, MemoSerializer, coding=coding)
        return Response(CodingSerializer(self._found(pk)).data)

    def destroy(self, request: Request, pk: str) -> Response:
        coding = self._found(pk)
        with service_errors():
            services.remove_coding(user=request.user, coding=coding)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="Codings as CSV or JSON (one flat record each), as a download",
        description="The same filters as the list; `?format=json` or `Accept: application/json` for JSON.",
        parameters=[CodingExportQuerySerializer],
        responses={
            (200, "text/csv"): OpenApiResponse(
                OpenApiTypes.STR,
                examples=[
                    OpenApiExample("CSV", value=",".join(selectors.CODING_COLUMNS) + "\n", media_type="text/csv")
                ],
            ),
            (200, "application/json"): CodingRecordSerializer(many=True),
            **LIST_ERRORS,
            **READ_ERRORS,
        },
    )
    @action(detail=False, url_path="export", renderer_classes=[CSVRenderer, JSONRenderer], pagination_class=None)
    def export(self, request: Request) -> Response:
        found = _codings(request, CodingExportQuerySerializer)
        fmt = request.accepted_renderer.format
        body: Any = write_codings(found, "csv") if fmt == "csv" else selectors.coding_records(found)
        return Response(body, headers=download(f"codings.{fmt}"))


# ---- agreement and settled disagreements -------------------------------------------------------


class AgreementView(ConditionalGetMixin, APIView):
    """κ, α, observed agreement and disagreements (``research.coding_selectors.agreement``)."""

    @extend_schema(
        summary="Inter-coder agreement on a codebook or one tag: κ, α, observed agreement, disagreements",
        description="Items are (unit, tag) pairs: a coder who coded a unit with any tag of the codebook gives each "
        "tag in scope 1 (applied) or 0 there. Coefficients are null when undefined (one category only).",
        parameters=[AgreementQuerySerializer],
        responses={200: AgreementSerializer, **LIST_ERRORS},
    )
    def get(self, request: Request) -> Response:
        query = validated(AgreementQuerySerializer, request.query_params)
        requested = [user.get_username() for user in query["coders"]]
        coders = selectors.chosen_coders(requested)
        if len(coders) < 2:
            raise ValidationError({"coders": [f"Agreement needs two coders who have coded; found {len(coders)}."]})
        found = selectors.agreement(codebook=query["codebook"], coders=coders, tag=query.get("tag"))
        return Response(AgreementSerializer(found).data)


class SettlementFilter(django_filters.FilterSet):
    codebook = related_filter("tag__codebook", Codebook.objects.all(), "A codebook's slug.")
    tag = related_filter("tag", Tag.objects.all(), "A tag's id.", by=None)

    class Meta:
        model = SettledCoding
        fields = ["codebook", "tag"]


@extend_schema_view(
    list=lists(SettledSerializer, "Settled disagreements: curators' consensus on whether a tag applies to a unit"),
    create=writes(
        SettledSerializer,
        "Settle a disagreement (curators only); replaces an earlier settlement of the tag on the unit",
        description="The coders' own codings stay as they were.",
        request=SettleInputSerializer,
        examples=[
            OpenApiExample(
                "Settle",
                value={"tag": 1, "instrument": "untoc", "eid": "art_5__para_1", "applies": True, "note": "Agreed."},
                request_only=True,
            )
        ],
        created=True,
    ),
)
class SettlementViewSet(ConditionalGetMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = SettledSerializer
    filterset_class = SettlementFilter
    permission_classes = [CuratorsWrite]

    def get_queryset(self) -> QuerySet[SettledCoding]:
        return SettledCoding.objects.select_related("curator", "comparison").order_by("pk")

    def create(self, request: Request) -> Response:
        serializer = SettleInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        with service_errors():
            settled = services.settle(
                user=request.user, tag=data["tag"], unit=serializer.unit(), applies=data["applies"], note=data["note"]
            )
        return Response(SettledSerializer(get_object_or_404(self.get_queryset(), pk=settled.pk)).data, status=201)
