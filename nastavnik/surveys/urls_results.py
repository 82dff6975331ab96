from django.urls import path

from nastavnik.surveys import views_results

urlpatterns = [
    path("surveys/<int:survey_pk>/results/", views_results.survey_results, name="survey_results"),
    path(
        "surveys/<int:survey_pk>/results/print/",
        views_results.survey_print_results,
        name="survey_print_results",
    ),
    path(
        "surveys/<int:survey_pk>/results/export/",
        views_results.survey_export,
        name="survey_export",
    ),
    path(
        "surveys/<int:survey_pk>/results/compare/",
        views_results.survey_compare,
        name="survey_compare",
    ),
    path("surveys/overview/", views_results.overview, name="overview"),
]
