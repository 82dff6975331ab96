from django.urls import include, path

from nastavnik.accounts.urls import auth_urlpatterns
from nastavnik.core import views as core_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("year/", core_views.switch_year, name="switch_year"),
    path("accounts/", include(auth_urlpatterns)),
    path("accounts/", include("nastavnik.accounts.urls")),
    path("", include("nastavnik.organizations.urls")),
    path("", include("nastavnik.staff.urls")),
    path("", include("nastavnik.documents.urls")),
    path("", include("nastavnik.banks.urls")),
    path("", include("nastavnik.roadmaps.urls")),
    path("", include("nastavnik.mentorships.urls")),
    path("", include("nastavnik.matching.urls")),
    path("", include("nastavnik.surveys.urls")),
    path("", include("nastavnik.monitoring.urls")),
    path("", include("nastavnik.reports.urls")),
    path("", include("nastavnik.practices.urls")),
    path("", include("nastavnik.api.urls")),
    path("", include("nastavnik.guide.urls")),
]
