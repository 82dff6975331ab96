from django.urls import path

from nastavnik.staff import views, views_people

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
    # Students, schoolchildren and employers' mentors (seed 004).
    path(
        "organizations/<int:organization_pk>/students/",
        views_people.student_list,
        name="student_list",
    ),
    path(
        "organizations/<int:organization_pk>/students/new/",
        views_people.student_create,
        name="student_create",
    ),
    path(
        "organizations/<int:organization_pk>/students/<int:staff_pk>/edit/",
        views_people.student_edit,
        name="student_edit",
    ),
    path(
        "organizations/<int:organization_pk>/external-mentors/",
        views_people.external_list,
        name="external_list",
    ),
    path(
        "organizations/<int:organization_pk>/external-mentors/new/",
        views_people.external_create,
        name="external_create",
    ),
    path(
        "organizations/<int:organization_pk>/external-mentors/<int:staff_pk>/edit/",
        views_people.external_edit,
        name="external_edit",
    ),
    path(
        "organizations/<int:organization_pk>/groups/",
        views_people.group_list,
        name="group_list",
    ),
    path(
        "organizations/<int:organization_pk>/groups/new/",
        views_people.group_edit,
        name="group_create",
    ),
    path(
        "organizations/<int:organization_pk>/groups/<int:group_pk>/edit/",
        views_people.group_edit,
        name="group_edit",
    ),
    path(
        "organizations/<int:organization_pk>/my-groups/",
        views_people.my_groups,
        name="my_groups",
    ),
    path(
        "organizations/<int:organization_pk>/my-groups/<int:staff_pk>/edit/",
        views_people.my_group_student_edit,
        name="my_group_student_edit",
    ),
    # Imports of students and employers' mentors: the staff import's flow with their columns.
    path(
        "organizations/<int:organization_pk>/people/<str:kind>/import/",
        views.people_import,
        name="people_import",
    ),
    path(
        "organizations/<int:organization_pk>/people/<str:kind>/import/template/",
        views.people_import_template,
        name="people_import_template",
    ),
    path(
        "organizations/<int:organization_pk>/people/<str:kind>/import/<int:import_pk>/",
        views.people_import_preview,
        name="people_import_preview",
    ),
]
