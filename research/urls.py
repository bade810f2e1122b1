from django.urls import include, path

from . import views

app_name = "research"
urlpatterns = [
    path("norms/", views.norm_list, name="norm_list"),
    path("norms/<slug:slug>/", views.norm_detail, name="norm_detail"),
    path("findings/", views.finding_list, name="finding_list"),
    path("annotations/orphaned/", views.orphaned_annotations, name="orphaned_annotations"),
    path("coding/", include("research.coding_urls")),  # tagging (issue 12)
]
