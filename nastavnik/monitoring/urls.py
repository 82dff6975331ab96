from django.urls import path

from nastavnik.monitoring import views

app_name = "monitoring"
urlpatterns = [
    path(
        "organizations/<int:organization_pk>/monitoring/",
        views.organization_dashboard,
        name="organization_dashboard",
    ),
    path(
        "organizations/<int:organization_pk>/monitoring/control/",
        views.control_list,
        name="control_list",
    ),
    path(
        "municipalities/<int:municipality_pk>/monitoring/",
        views.municipality_dashboard,
        name="municipality_dashboard",
    ),
    path(
        "municipalities/<int:municipality_pk>/monitoring/report.xlsx",
        views.municipality_report,
        name="municipality_report",
    ),
    path(
        "organizations/<int:organization_pk>/monitoring/figures/<slug:figure>/",
        views.organization_figure,
        name="organization_figure",
    ),
    path(
        "municipalities/<int:municipality_pk>/monitoring/figures/<slug:figure>/",
        views.municipality_figure,
        name="municipality_figure",
    ),
    path(
        "regions/<int:region_pk>/monitoring/figures/<slug:figure>/",
        views.region_figure,
        name="region_figure",
    ),
    path("regions/<int:region_pk>/monitoring/", views.region_dashboard, name="region_dashboard"),
    path(
        "regions/<int:region_pk>/monitoring/report.xlsx",
        views.region_report,
        name="region_report",
    ),
]
