from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, register_converter

from core.converters import PrintableSegment

# <segment:…> is <str:…> without control characters: a NUL in a URL is a 404, not a 500.
register_converter(PrintableSegment, "segment")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("api/", include("config.api")),
    path("", include("accounts.urls")),
    path("", include("treaties.urls")),
    path("", include("comparisons.urls")),
    path("", include("research.urls")),
]

handler404 = "core.api.errors.not_found"
