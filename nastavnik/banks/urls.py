from django.urls import path

from nastavnik.banks import views

app_name = "banks"
org = "organizations/<int:organization_pk>/"
urlpatterns = [
    path(f"{org}banks/mentees/", views.mentee_bank, name="mentee_bank"),
    path(f"{org}banks/mentees/export/", views.mentee_export, name="mentee_export"),
    path(f"{org}banks/mentees/<int:profile_pk>/", views.mentee_edit, name="mentee_edit"),
    path(f"{org}banks/mentors/", views.mentor_bank, name="mentor_bank"),
    path(f"{org}banks/mentors/export/", views.mentor_export, name="mentor_export"),
    path(f"{org}banks/mentors/<int:profile_pk>/", views.mentor_edit, name="mentor_edit"),
    path(
        f"{org}banks/mentors/<int:profile_pk>/trainings/",
        views.training_add,
        name="training_add",
    ),
    path(f"{org}staff/export/", views.staff_export, name="staff_export"),
    path(f"{org}staff/<int:staff_pk>/", views.person_detail, name="person_detail"),
    path(f"{org}staff/<int:staff_pk>/export/", views.person_export, name="person_export"),
    path(
        f"{org}staff/<int:staff_pk>/consents/<slug:kind>/issue/",
        views.consent_issue,
        name="consent_issue",
    ),
    path(f"{org}consents/", views.consent_list, name="consent_list"),
    path(
        f"{org}consents/<int:consent_pk>/download/<slug:what>/",
        views.consent_download,
        name="consent_download",
    ),
    path(f"{org}consents/<int:consent_pk>/sign/", views.consent_sign, name="consent_sign"),
    path(f"{org}consents/<int:consent_pk>/revoke/", views.consent_revoke, name="consent_revoke"),
    path("regions/<int:region_pk>/banks/", views.region_banks, name="region_banks"),
]
