from django.urls import path

from nastavnik.surveys import views_runs as views

urlpatterns = [
    path("organizations/<int:organization_pk>/surveys/", views.survey_list, name="survey_list"),
    path(
        "organizations/<int:organization_pk>/surveys/new/",
        views.survey_create,
        name="survey_create",
    ),
    path("surveys/<int:survey_pk>/", views.survey_detail, name="survey_detail"),
    path("surveys/<int:survey_pk>/launch/", views.survey_launch, name="survey_launch"),
    path("surveys/<int:survey_pk>/close/", views.survey_close, name="survey_close"),
    path("surveys/<int:survey_pk>/delete/", views.survey_delete, name="survey_delete"),
    path("surveys/<int:survey_pk>/remind/", views.survey_remind, name="survey_remind"),
    path("surveys/<int:survey_pk>/audience/", views.survey_audience, name="survey_audience"),
    path("surveys/<int:survey_pk>/print/", views.survey_print, name="survey_print"),
    path("surveys/<int:survey_pk>/to-bank/", views.survey_to_bank, name="survey_to_bank"),
]
