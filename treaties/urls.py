from django.urls import path

from . import jobs, version_views, views

app_name = "treaties"
urlpatterns = [
    path("", views.home, name="home"),
    path("treaties/", views.treaty_list, name="treaty_list"),
    path("treaties/<slug:slug>/", views.treaty_detail, name="treaty_detail"),
    path("treaties/<slug:slug>/versions/", version_views.treaty_versions, name="treaty_versions"),
    path("treaties/<slug:slug>/versions/compare/", version_views.version_compare, name="version_compare"),
    path("treaties/<slug:slug>/versions/<int:number>/restore/", version_views.version_restore, name="version_restore"),
    path("treaties/<slug:slug>/<slug:eid>/", views.provision_detail, name="provision_detail"),
    path("search/", views.search, name="search"),
    path("import/", views.import_treaty, name="import_treaty"),
    path("jobs/<uuid:result_id>/", jobs.job_status, name="job_status"),
]
