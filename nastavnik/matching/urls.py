from django.urls import path

from nastavnik.matching import views, views_network

app_name = "matching"
prefix = "organizations/<int:organization_pk>/matching/"
urlpatterns = [
    path(prefix, views.proposal, name="proposal"),
    path(f"{prefix}decide/", views.decide, name="decide"),
    path(f"{prefix}reset/", views.reset, name="reset"),
    path(f"{prefix}accept/", views.accept, name="accept"),
    path(f"{prefix}support/", views.support, name="support"),
    path(f"{prefix}support/add/", views.support_add, name="support_add"),
    path("municipalities/<int:municipality_pk>/matching/", views_network.network, name="network"),
    path(
        "municipalities/<int:municipality_pk>/matching/accept/",
        views_network.network_accept,
        name="network_accept",
    ),
]
