from django.urls import include, path

from . import annotation_views, views, vocabulary_views

app_name = "research"
urlpatterns = [
    path("norms/", views.norm_list, name="norm_list"),
    path("norms/summary/", vocabulary_views.norm_summary, name="norm_summary"),
    path("norms/new/", vocabulary_views.norm_new, name="norm_new"),
    path("norms/families/new/", vocabulary_views.family_new, name="family_new"),
    path("norms/<slug:slug>/", views.norm_detail, name="norm_detail"),
    path("findings/", views.finding_list, name="finding_list"),
    path("annotations/orphaned/", views.orphaned_annotations, name="orphaned_annotations"),
    path("comparisons/<segment:slug>/explain/", annotation_views.annotation_new, name="annotation_new"),
    path("annotations/<int:pk>/edit/", annotation_views.annotation_edit, name="annotation_edit"),
    path("annotations/<int:pk>/status/", annotation_views.annotation_status, name="annotation_status"),
    path("annotations/export.<str:fmt>", annotation_views.annotation_export, name="annotation_export"),
    path("coding/", include("research.coding_urls")),  # tagging (issue 12)
]
