"""The REST API: every app's ``api/`` package mounted under ``/api/v1/``, the OpenAPI schema at
``/api/schema/`` and the interactive docs at ``/api/docs/`` (Swagger UI from drf-spectacular-sidecar's
static files, no CDN)."""

from __future__ import annotations

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from comparisons.api.views import (
    COMPARISON_SLUG,
    CandidateViewSet,
    ComparisonViewSet,
    DecisionViewSet,
    FindSourceView,
    LinkViewSet,
)
from research.api.coding_views import AgreementView, CodebookViewSet, CodingViewSet, SettlementViewSet, TagViewSet
from research.api.views import AnnotationViewSet, FindingViewSet, NormFamilyViewSet, NormViewSet, ReferenceViewSet
from treaties.api.views import INSTRUMENT_ID, InstrumentProvisionViewSet, InstrumentViewSet, ProvisionViewSet

router = DefaultRouter()
router.register("instruments", InstrumentViewSet, basename="instrument")
router.register("provisions", ProvisionViewSet, basename="provision")
router.register(
    rf"instruments/(?P<instrument>{INSTRUMENT_ID})/provisions",
    InstrumentProvisionViewSet,
    basename="instrument-provision",
)
router.register("comparisons", ComparisonViewSet, basename="comparison")
router.register(rf"comparisons/(?P<slug>{COMPARISON_SLUG})/links", LinkViewSet, basename="comparison-link")
router.register(
    rf"comparisons/(?P<slug>{COMPARISON_SLUG})/candidates", CandidateViewSet, basename="comparison-candidate"
)
router.register(rf"comparisons/(?P<slug>{COMPARISON_SLUG})/decisions", DecisionViewSet, basename="comparison-decision")
router.register("norm-families", NormFamilyViewSet, basename="norm-family")
router.register("norms", NormViewSet, basename="norm")
router.register("references", ReferenceViewSet, basename="reference")
router.register("findings", FindingViewSet, basename="finding")
router.register("annotations", AnnotationViewSet, basename="annotation")
router.register("codebooks", CodebookViewSet, basename="codebook")
router.register("tags", TagViewSet, basename="tag")
router.register("codings", CodingViewSet, basename="coding")
router.register("settlements", SettlementViewSet, basename="settlement")

app_name = "api"
urlpatterns = [
    path(
        "v1/",
        include(
            [
                *router.urls,
                path("find-source/", FindSourceView.as_view(), name="find-source"),
                path("agreement/", AgreementView.as_view(), name="agreement"),
            ]
        ),
    ),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
]
