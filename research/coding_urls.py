from django.urls import path

from . import coding_views as views

app_name = "coding"
urlpatterns = [
    path("", views.codebooks, name="codebooks"),
    path("codebook/", views.codebook_write, name="codebook_write"),
    path("codebooks/<slug:slug>.qdc", views.codebook_export, name="codebook_export"),
    path("tags/<int:pk>/", views.tag_detail, name="tag_detail"),
    path("unit/", views.unit_codings, name="unit"),
    path("row/", views.row_codings, name="row"),
    path("add/", views.coding_add, name="add"),
    path("<int:pk>/edit/", views.coding_edit, name="edit"),
    path("mine/", views.my_codings, name="mine"),
    path("all/", views.all_codings, name="all"),
    path("orphaned/", views.orphaned_codings, name="orphaned"),
    path("provision/<slug:slug>/<str:eid>/", views.provision_codings, name="provision"),
    path("agreement/", views.agreement, name="agreement"),
    path("settle/", views.settle, name="settle"),
]
