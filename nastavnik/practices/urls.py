from django.urls import path

from nastavnik.practices import views, views_awards

app_name = "practices"
org = "organizations/<int:organization_pk>/"
urlpatterns = [
    path("practices/", views.library_home, name="library_home"),
    path(f"{org}practices/", views.library, name="library"),
    path(f"{org}practices/new/", views.practice_create, name="practice_create"),
    path(
        f"{org}practices/region/",
        views.organization_region_library,
        name="organization_region_library",
    ),
    path(
        "municipalities/<int:municipality_pk>/practices/",
        views.municipality_region_library,
        name="municipality_region_library",
    ),
    path("regions/<int:region_pk>/practices/", views.region_library, name="region_library"),
    path("practices/<int:practice_pk>/", views.practice_detail, name="practice_detail"),
    path("practices/<int:practice_pk>/edit/", views.practice_edit, name="practice_edit"),
    path("practices/<int:practice_pk>/delete/", views.practice_delete, name="practice_delete"),
    path("practices/<int:practice_pk>/publish/", views.practice_publish, name="practice_publish"),
    path("practices/<int:practice_pk>/files/new/", views.practice_file_add, name="file_add"),
    path(
        "practice-files/<int:practice_file_pk>/",
        views.practice_file_download,
        name="file_download",
    ),
    path(
        "practice-files/<int:practice_file_pk>/remove/",
        views.practice_file_remove,
        name="file_remove",
    ),
    path(f"{org}awards/", views_awards.nomination_list, name="nomination_list"),
    path(f"{org}awards/new/", views_awards.nomination_create, name="nomination_create"),
    path(f"{org}awards/order/", views_awards.nominations_order, name="nominations_order"),
    path("awards/<int:nomination_pk>/edit/", views_awards.nomination_edit, name="nomination_edit"),
    path(
        "awards/<int:nomination_pk>/approve/",
        views_awards.nomination_approve,
        name="nomination_approve",
    ),
    path(
        "awards/<int:nomination_pk>/remove/",
        views_awards.nomination_remove,
        name="nomination_remove",
    ),
    path(
        f"{org}staff/<int:staff_pk>/mentor-pack/",
        views_awards.evidence_pack,
        name="evidence_pack",
    ),
]
