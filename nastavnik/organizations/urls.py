from django.urls import path

from nastavnik.organizations import views

app_name = "organizations"
urlpatterns = [
    path("municipalities/", views.municipality_list, name="municipality_list"),
    path("municipalities/new/", views.municipality_create, name="municipality_create"),
    path(
        "municipalities/<int:municipality_pk>/",
        views.municipality_detail,
        name="municipality_detail",
    ),
    path(
        "municipalities/<int:municipality_pk>/edit/",
        views.municipality_edit,
        name="municipality_edit",
    ),
    path("organizations/", views.organization_list, name="organization_list"),
    path("organizations/new/", views.organization_create, name="organization_create"),
    path(
        "organizations/<int:organization_pk>/",
        views.organization_detail,
        name="organization_detail",
    ),
    path(
        "organizations/<int:organization_pk>/edit/",
        views.organization_edit,
        name="organization_edit",
    ),
    path(
        "organizations/<int:organization_pk>/journal/",
        views.audit_journal,
        name="audit_journal",
    ),
    path("regions/<int:region_pk>/journal/", views.region_journal, name="region_journal"),
]
