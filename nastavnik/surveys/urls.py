"""The URLs of questionnaires and surveys, one module per area of pages."""

from nastavnik.surveys import urls_library, urls_public, urls_results, urls_runs

app_name = "surveys"
urlpatterns = [
    *urls_library.urlpatterns,
    *urls_runs.urlpatterns,
    *urls_results.urlpatterns,
    *urls_public.urlpatterns,
]
