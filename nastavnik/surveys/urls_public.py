from django.urls import path

from nastavnik.surveys import views_public

# The personal links carry a secret token in the path: keep it out of the server's log.
views_public.install_link_redaction()

urlpatterns = [
    path("s/<str:token>/", views_public.answer, name="answer"),
    path("s/<str:token>/thanks/", views_public.answer_thanks, name="answer_thanks"),
    path("my/questionnaires/", views_public.my_surveys, name="my_surveys"),
    path("my/questionnaires/answer/", views_public.answer_start, name="answer_start"),
]
