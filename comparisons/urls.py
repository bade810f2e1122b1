from django.urls import path

from .views import align, coverage, curation, find_source, listing, method, provision, side_by_side

app_name = "comparisons"
urlpatterns = [
    path("comparisons/", listing.comparison_list, name="comparison_list"),
    path("comparisons/align/", align.align_comparison, name="align"),
    path("comparisons/<segment:slug>/", side_by_side.comparison_detail, name="comparison_detail"),
    path("comparisons/<segment:slug>/pair/", side_by_side.pair_detail, name="pair_detail"),
    path("comparisons/<segment:slug>/coverage/", coverage.coverage_map, name="coverage_map"),
    path("comparisons/<segment:slug>/method/", method.method, name="method"),
    path("comparisons/<segment:slug>/decisions/", curation.decide, name="decide"),
    path("comparisons/<segment:slug>/candidates/accept/", curation.accept_candidate, name="accept_candidate"),
    path("comparisons/<segment:slug>/picker/", curation.provision_picker, name="provision_picker"),
    path("find-source/", find_source.find_source, name="find_source"),
    path("alignments/<slug:slug>/<segment:eid>/", provision.provision_alignments, name="provision_alignments"),
]
