from django.urls import include, path

from . import jobs, version_views, views

# One treaty, below treaties/<slug>/.
one_treaty = [
    path("", views.treaty_detail, name="treaty_detail"),
    path("versions/", version_views.treaty_versions, name="treaty_versions"),
    path("versions/compare/", version_views.version_compare, name="version_compare"),
    path("versions/<int:number>/restore/", version_views.version_restore, name="version_restore"),
    path("<slug:eid>/", views.provision_detail, name="provision_detail"),  # last: "versions" is a slug too
]

app_name = "treaties"
urlpatterns = [
    path("", views.home, name="home"),
    path("treaties/", views.treaty_list, name="treaty_list"),
    path("treaties/<slug:slug>/", include(one_treaty)),
    path("search/", views.search, name="search"),
    path("import/", views.import_treaty, name="import_treaty"),
    path("jobs/<uuid:result_id>/", jobs.job_status, name="job_status"),
]
