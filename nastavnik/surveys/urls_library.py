"""The library of questionnaires and the questionnaire editor."""

from django.urls import path

from nastavnik.surveys import views_library as views

urlpatterns = [
    path("organizations/<int:organization_pk>/questionnaires/", views.library, name="library"),
    path(
        "organizations/<int:organization_pk>/questionnaires/<int:questionnaire_pk>/copy/",
        views.questionnaire_copy,
        name="questionnaire_copy",
    ),
    path("regions/<int:region_pk>/questionnaires/", views.region_library, name="region_library"),
    path(
        "municipalities/<int:municipality_pk>/questionnaires/",
        views.municipality_library,
        name="municipality_library",
    ),
    path(
        "questionnaires/<int:questionnaire_pk>/",
        views.questionnaire_edit,
        name="questionnaire_edit",
    ),
    path(
        "questionnaires/<int:questionnaire_pk>/preview/",
        views.questionnaire_preview,
        name="questionnaire_preview",
    ),
    path(
        "questionnaires/<int:questionnaire_pk>/delete/",
        views.questionnaire_delete,
        name="questionnaire_delete",
    ),
    path(
        "questionnaires/<int:questionnaire_pk>/sections/add/",
        views.section_add,
        name="section_add",
    ),
    path(
        "questionnaires/<int:questionnaire_pk>/sections/<int:section_pk>/",
        views.section_edit,
        name="section_edit",
    ),
    path(
        "questionnaires/<int:questionnaire_pk>/sections/<int:section_pk>/move/",
        views.section_move,
        name="section_move",
    ),
    path(
        "questionnaires/<int:questionnaire_pk>/sections/<int:section_pk>/delete/",
        views.section_delete,
        name="section_delete",
    ),
    path(
        "questionnaires/<int:questionnaire_pk>/questions/add/",
        views.question_add,
        name="question_add",
    ),
    path(
        "questionnaires/<int:questionnaire_pk>/questions/<int:question_pk>/",
        views.question_edit,
        name="question_edit",
    ),
    path(
        "questionnaires/<int:questionnaire_pk>/questions/<int:question_pk>/move/",
        views.question_move,
        name="question_move",
    ),
    path(
        "questionnaires/<int:questionnaire_pk>/questions/<int:question_pk>/delete/",
        views.question_delete,
        name="question_delete",
    ),
]
