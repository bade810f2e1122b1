from django.urls import path

from . import views

app_name = "treaties"
urlpatterns = [
    path("", views.home, name="home"),
    path("treaties/", views.treaty_list, name="treaty_list"),
    path("treaties/<slug:slug>/", views.treaty_detail, name="treaty_detail"),
    path("treaties/<slug:slug>/<slug:eid>/", views.provision_detail, name="provision_detail"),
    path("search/", views.search, name="search"),
    path("import/", views.import_treaty, name="import_treaty"),
]
