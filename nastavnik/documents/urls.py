from django.urls import path

from nastavnik.documents import views

app_name = "documents"
prefix = "organizations/<int:organization_pk>/documents/"
urlpatterns = [
    path(prefix, views.document_list, name="document_list"),
    path(f"{prefix}new/<slug:kind>/", views.document_create, name="document_create"),
    path(f"{prefix}<int:document_pk>/", views.document_detail, name="document_detail"),
    path(f"{prefix}<int:document_pk>/edit/", views.document_edit, name="document_edit"),
    path(
        f"{prefix}<int:document_pk>/regenerate/",
        views.document_regenerate,
        name="document_regenerate",
    ),
    path(f"{prefix}<int:document_pk>/sign/", views.document_sign, name="document_sign"),
    path(f"{prefix}<int:document_pk>/delete/", views.document_delete, name="document_delete"),
    path(
        f"{prefix}<int:document_pk>/download/<slug:what>/",
        views.document_download,
        name="document_download",
    ),
    path(f"{prefix}templates/", views.template_list, name="template_list"),
    path(f"{prefix}templates/<slug:kind>/upload/", views.template_upload, name="template_upload"),
    path(
        f"{prefix}templates/<slug:kind>/download/",
        views.template_download,
        name="template_download",
    ),
    path(
        f"{prefix}templates/<int:template_pk>/delete/",
        views.template_delete,
        name="template_delete",
    ),
    path(f"{prefix}bulk/<slug:kind>/", views.batch_create, name="batch_create"),
    path(f"{prefix}batches/<int:batch_pk>/", views.batch_detail, name="batch_detail"),
    path(
        f"{prefix}batches/<int:batch_pk>/download/",
        views.batch_download,
        name="batch_download",
    ),
    path(
        "regions/<int:region_pk>/document-templates/",
        views.region_template_list,
        name="region_template_list",
    ),
    path(
        "regions/<int:region_pk>/document-templates/<slug:kind>/download/",
        views.region_template_download,
        name="region_template_download",
    ),
]
