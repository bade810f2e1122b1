"""The REST API: every app's ``api/`` package mounted under ``/api/v1/``, the OpenAPI schema at
``/api/schema/`` and the interactive docs at ``/api/docs/`` (Swagger UI from drf-spectacular-sidecar's
static files, no CDN)."""

from __future__ import annotations

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from comparisons.api.views import COMPARISON_SLUG, ComparisonViewSet, DecisionViewSet, FindSourceView, LinkViewSet
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
router.register(rf"comparisons/(?P<slug>{COMPARISON_SLUG})/decisions", DecisionViewSet, basename="comparison-decision")

app_name = "api"
urlpatterns = [
    path(
        "v1/",
        include(
            [
                *router.urls,
                path("find-source/", FindSourceView.as_view(), name="find-source"),
            ]
        ),
    ),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
]
