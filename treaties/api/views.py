"""Instruments (with counts and their whole provision tree) and provisions (filtered, searched)."""

from __future__ import annotations

from typing import Any

from django.db.models import F
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from core.api.documentation import lists, path, reads
from core.api.views import ConditionalGetMixin

from ..models import Provision, Treaty
from .filters import EID_PATTERN, SLUG_PATTERN, ProvisionFilter
from .serializers import InstrumentSerializer, ProvisionSerializer, TreeSerializer

INSTRUMENT_ID = SLUG_PATTERN.strip("^$")


ID_PATH = path("id", "Instrument id, e.g. `untoc`.", "untoc", pattern=SLUG_PATTERN)
INSTRUMENT_PATH = path("instrument", "Instrument id, e.g. `untoc`.", "untoc", pattern=SLUG_PATTERN)
EID_PATH = path("eid", "eId, e.g. `art_8__para_2`.", "art_5__para_1", pattern=EID_PATTERN)


@extend_schema_view(
    list=lists(InstrumentSerializer, "Every instrument, with its provisions counted by kind"),
    retrieve=reads(InstrumentSerializer, "One instrument", ID_PATH),
)
class InstrumentViewSet(ConditionalGetMixin, viewsets.ReadOnlyModelViewSet):
    """Instruments by id (``untoc``), oldest first. Four queries whatever their number: count, rows."""

    queryset = Treaty.objects.with_counts().order_by("adopted", "slug")
    serializer_class = InstrumentSerializer
    lookup_field = "slug"
    lookup_url_kwarg = "id"
    lookup_value_regex = INSTRUMENT_ID
    filter_backends: list[Any] = []

    @reads(TreeSerializer, "The whole provision tree of one instrument, in document order", ID_PATH)
    @action(detail=True, url_path="tree")
    def tree(self, request: Request, id: str) -> Response:
        treaty = get_object_or_404(Treaty, slug=id)
        return Response(TreeSerializer({"instrument": treaty.slug, "provisions": treaty.provision_tree()}).data)


@extend_schema_view(list=lists(ProvisionSerializer, "Provisions of every instrument: filter, or search the text"))
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
    list=lists(
        ProvisionSerializer,
        "The provisions of one instrument, in document order (filter, or search the text)",
        under=INSTRUMENT_PATH,
    ),
    retrieve=reads(ProvisionSerializer, "One provision, by instrument id and eId", EID_PATH, under=INSTRUMENT_PATH),
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
