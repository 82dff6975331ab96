from django.urls import path

from nastavnik.reports import views

app_name = "reports"
prefix = "organizations/<int:organization_pk>/annual-report/"
urlpatterns = [
    path(prefix, views.report, name="report"),
    path(f"{prefix}document/", views.report_document, name="report_document"),
    path(f"{prefix}submit/", views.report_submit, name="report_submit"),
    path(f"{prefix}review/", views.report_review, name="report_review"),
    path(
        "municipalities/<int:municipality_pk>/annual-reports/",
        views.municipality_reports,
        name="municipality_reports",
    ),
    path("regions/<int:region_pk>/annual-reports/", views.region_reports, name="region_reports"),
]
