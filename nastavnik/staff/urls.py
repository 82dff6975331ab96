from django.urls import path

from nastavnik.staff import views

app_name = "staff"
urlpatterns = [
    path("organizations/<int:organization_pk>/staff/", views.staff_list, name="staff_list"),
    path("organizations/<int:organization_pk>/staff/new/", views.staff_create, name="staff_create"),
    path(
        "organizations/<int:organization_pk>/staff/import/",
        views.staff_import,
        name="staff_import",
    ),
    path(
        "organizations/<int:organization_pk>/staff/import/template/",
        views.staff_import_template,
        name="staff_import_template",
    ),
    path(
        "organizations/<int:organization_pk>/staff/import/<int:import_pk>/",
        views.staff_import_preview,
        name="staff_import_preview",
    ),
    path(
        "organizations/<int:organization_pk>/staff/<int:staff_pk>/edit/",
        views.staff_edit,
        name="staff_edit",
    ),
]
