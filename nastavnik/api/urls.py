from django.urls import path

from nastavnik.api import pages, views

app_name = "api"
urlpatterns = [
    # The API itself: tokens only, JSON only (see views.api_view).
    path("api/v1/", views.docs, name="docs"),
    path("api/v1/openapi.json", views.schema, name="openapi"),
    path("api/v1/organizations", views.organization_list, name="organizations"),
    path(
        "api/v1/organizations/<str:organization_pk>",
        views.organization_detail,
        name="organization",
    ),
    path(
        "api/v1/organizations/<str:organization_pk>/indicators",
        views.organization_indicators,
        name="organization_indicators",
    ),
    path("api/v1/municipalities", views.municipality_list, name="municipalities"),
    path("api/v1/indicators", views.indicator_list, name="indicators"),
    path("api/v1/roadmaps/<str:organization_pk>", views.roadmap_progress, name="roadmap"),
    # Pages where tokens are issued.
    path("regions/<int:region_pk>/api-tokens/", pages.region_tokens, name="region_tokens"),
    path(
        "municipalities/<int:municipality_pk>/api-tokens/",
        pages.municipality_tokens,
        name="municipality_tokens",
    ),
]
