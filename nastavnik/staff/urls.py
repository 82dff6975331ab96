from django.urls import path

from nastavnik.staff import views

app_name = "staff"
urlpatterns = [
    path("organizations/<int:organization_pk>/staff/", views.staff_list, name="staff_list"),
]
