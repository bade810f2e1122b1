from django.urls import path

from . import views

app_name = "treaties"
urlpatterns = [
    path("", views.home, name="home"),
]
