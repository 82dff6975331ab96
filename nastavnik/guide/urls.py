from django.urls import path

from nastavnik.guide import pages, views

app_name = "guide"
# One address without arguments per guide page (guide:curator, guide:mentor, …).
urlpatterns = [
    path("guide/", views.index, name="index"),
    path("guide/img/<str:image>", views.image, name="image"),
    *(path(f"guide/{p.slug}/", views.page, {"slug": p.slug}, name=p.slug) for p in pages.PAGES),
]
