from django.urls import URLPattern, URLResolver, include, path

from .views import align, coverage, curation, find_source, listing, method, provision, review, side_by_side

# Curation: a decision posted, a candidate decided on, the picker of a source provision to link.
curating = [
    path("decisions/", curation.decide, name="decide"),
    path("candidates/decide/", curation.decide_candidate, name="decide_candidate"),
    path("picker/", curation.provision_picker, name="provision_picker"),
]

# One comparison, below comparisons/<slug>/: its pages, then its curation.
one_comparison: list[URLPattern | URLResolver] = [
    path("", side_by_side.comparison_detail, name="comparison_detail"),
    path("pair/", side_by_side.pair_detail, name="pair_detail"),
    path("coverage/", coverage.coverage_map, name="coverage_map"),
    path("method/", method.method, name="method"),
    path("candidates/", review.candidate_review, name="candidate_review"),
    path("", include(curating)),
]

app_name = "comparisons"
urlpatterns = [
    path("comparisons/", listing.comparison_list, name="comparison_list"),
    path("comparisons/align/", align.align_comparison, name="align"),  # before <slug>/: "align" is a slug too
    path("comparisons/<segment:slug>/", include(one_comparison)),
    path("find-source/", find_source.find_source, name="find_source"),
    path("alignments/<slug:slug>/<segment:eid>/", provision.provision_alignments, name="provision_alignments"),
]
