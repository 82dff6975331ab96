from django.urls import path

from nastavnik.roadmaps import views

app_name = "roadmaps"
org = "organizations/<int:organization_pk>/roadmap/"
urlpatterns = [
    path(org, views.roadmap_detail, name="roadmap_detail"),
    path(f"{org}create/", views.roadmap_create, name="roadmap_create"),
    path(f"{org}stages/", views.stage_save, name="stage_save"),
    path(f"{org}basis/", views.basis_save, name="basis_save"),
    path(
        f"{org}region-template/",
        views.region_template_publish,
        name="region_template_publish",
    ),
    path(f"{org}stages/<int:stage_pk>/activities/", views.activity_add, name="activity_add"),
    path(f"{org}activities/<int:activity_pk>/", views.activity_edit, name="activity_edit"),
    path(
        f"{org}activities/<int:activity_pk>/delete/", views.activity_delete, name="activity_delete"
    ),
    path(f"{org}activities/<int:activity_pk>/evidence/", views.evidence_add, name="evidence_add"),
    path(f"{org}evidence/<int:evidence_pk>/delete/", views.evidence_delete, name="evidence_delete"),
    path(f"{org}evidence/<int:evidence_pk>/", views.evidence_download, name="evidence_download"),
    path(f"{org}risks/", views.risks, name="risks"),
    path(f"{org}program/", views.program, name="program"),
    path(
        "organizations/<int:organization_pk>/publications/",
        views.publication_list,
        name="publication_list",
    ),
    path(
        "organizations/<int:organization_pk>/publications/new/",
        views.publication_edit,
        name="publication_create",
    ),
    path(
        "organizations/<int:organization_pk>/publications/<int:publication_pk>/",
        views.publication_detail,
        name="publication_detail",
    ),
    path(
        "organizations/<int:organization_pk>/publications/<int:publication_pk>/edit/",
        views.publication_edit,
        name="publication_edit",
    ),
    path("roadmaps/", views.overview, name="overview"),
    path("public/<int:organization_pk>/", views.public_page, name="public_page"),
    path("public/<int:organization_pk>/feed/", views.public_feed, name="public_feed"),
    path(
        "public/<int:organization_pk>/photos/<int:publication_pk>/",
        views.public_photo,
        name="public_photo",
    ),
]
