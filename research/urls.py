from django.urls import include, path

from . import annotation_views, views, vocabulary_views

norms = [
    path("", views.norm_list, name="norm_list"),
    path("summary/", vocabulary_views.norm_summary, name="norm_summary"),
    path("new/", vocabulary_views.norm_new, name="norm_new"),
    path("families/new/", vocabulary_views.family_new, name="family_new"),
    path("<slug:slug>/", views.norm_detail, name="norm_detail"),  # after the fixed names above, which are slugs too
]

annotations = [
    path("orphaned/", views.orphaned_annotations, name="orphaned_annotations"),
    path("<int:pk>/edit/", annotation_views.annotation_edit, name="annotation_edit"),
    path("<int:pk>/status/", annotation_views.annotation_status, name="annotation_status"),
    path("export.<str:fmt>", annotation_views.annotation_export, name="annotation_export"),
]

app_name = "research"
urlpatterns = [
    path("norms/", include(norms)),
    path("findings/", views.finding_list, name="finding_list"),
    path("annotations/", include(annotations)),
    path("comparisons/<segment:slug>/explain/", annotation_views.annotation_new, name="annotation_new"),
    path("coding/", include("research.coding_urls")),  # tagging (issue 12)
]
