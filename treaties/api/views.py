"""Instruments (with counts and their whole provision tree) and provisions (filtered, searched)."""

from __future__ import annotations

from typing import Any

from django.db.models import F
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from core.api.errors import LIST_ERRORS, READ_ERRORS
from core.api.views import ConditionalGetMixin

from ..models import Provision, Treaty
from .filters import EID_PATTERN, SLUG_PATTERN, ProvisionFilter
from .serializers import InstrumentSerializer, ProvisionSerializer, TreeSerializer

INSTRUMENT_ID = SLUG_PATTERN.strip("^$")


def _path(name: str, pattern: str, description: str, example: str) -> OpenApiParameter:
    return OpenApiParameter(
        name,
        OpenApiTypes.STR,
        OpenApiParameter.PATH,
        pattern=pattern,
        description=description,
        examples=[OpenApiExample(example, value=example)],
    )


ID_PATH = _path("id", SLUG_PATTERN, "Instrument id, e.g. `untoc`.", "untoc")
INSTRUMENT_PATH = _path("instrument", SLUG_PATTERN, "Instrument id, e.g. `untoc`.", "untoc")
EID_PATH = _path("eid", EID_PATTERN, "eId, e.g. `art_8__para_2`.", "art_5__para_1")


@extend_schema_view(
    list=extend_schema(
        summary="Every instrument, with its provisions counted by kind",
        responses={200: InstrumentSerializer(many=True), **LIST_ERRORS},
    ),
    retrieve=extend_schema(
        summary="One instrument", parameters=[ID_PATH], responses={200: InstrumentSerializer, **READ_ERRORS}
    ),
)
class InstrumentViewSet(ConditionalGetMixin, viewsets.ReadOnlyModelViewSet):
    """Instruments by id (``untoc``), oldest first. Four queries whatever their number: count, rows."""

    queryset = Treaty.objects.with_counts().order_by("adopted", "slug")
    serializer_class = InstrumentSerializer
    lookup_field = "slug"
    lookup_url_kwarg = "id"
    lookup_value_regex = INSTRUMENT_ID
    filter_backends: list[Any] = []

    @extend_schema(
        summary="The whole provision tree of one instrument, in document order",
        parameters=[ID_PATH],
        responses={200: TreeSerializer, **READ_ERRORS},
    )
    @action(detail=True, url_path="tree")
    def tree(self, request: Request, id: str) -> Response:
        treaty = get_object_or_404(Treaty, slug=id)
        return Response(TreeSerializer({"instrument": treaty.slug, "provisions": treaty.provision_tree()}).data)


@extend_schema_view(
    list=extend_schema(
        summary="Provisions of every instrument: filter, or search the text",
        responses={200: ProvisionSerializer(many=True), **LIST_ERRORS},
    ),
)
class ProvisionViewSet(ConditionalGetMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Provisions in document order (instrument id, position), or best match first with ``?q=``.
    Two queries per page (count, rows) whatever its size, three with ``?instrument=``."""

    serializer_class = ProvisionSerializer
    filterset_class = ProvisionFilter

    def get_queryset(self) -> Any:
        return (
            Provision.objects.select_related("treaty")
            .annotate(parent_eid=F("parent__eid"))
            .order_by("treaty__slug", "position", "pk")
        )


@extend_schema_view(
    list=extend_schema(
        summary="The provisions of one instrument, in document order (filter, or search the text)",
        parameters=[INSTRUMENT_PATH],
        responses={200: ProvisionSerializer(many=True), **LIST_ERRORS, **READ_ERRORS},
    ),
    retrieve=extend_schema(
        summary="One provision, by instrument id and eId",
        parameters=[INSTRUMENT_PATH, EID_PATH],
        responses={200: ProvisionSerializer, **READ_ERRORS},
    ),
)
class InstrumentProvisionViewSet(mixins.RetrieveModelMixin, ProvisionViewSet):
    """``/instruments/<id>/provisions/[<eId>/]``: one instrument's provisions, addressed by eId."""

    lookup_field = "eid"
    lookup_value_regex = EID_PATTERN.strip("^$")

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):  # drf-spectacular reading the view
            return Provision.objects.none()
        treaty = get_object_or_404(Treaty, slug=self.kwargs["instrument"])
        return super().get_queryset().filter(treaty=treaty)
