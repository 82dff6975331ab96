from django.contrib.auth import views as auth_views
from django.urls import path

from nastavnik.accounts import views
from nastavnik.accounts.first_login import PasswordChangeView
from nastavnik.accounts.two_factor import LoginView

app_name = "accounts"
urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("role/", views.switch_role, name="switch_role"),
    path("two-factor/", views.two_factor, name="two_factor"),
    path("users/", views.user_list, name="user_list"),
    path("users/new/", views.user_create, name="user_create"),
    path("users/<int:user_pk>/", views.user_detail, name="user_detail"),
    path("users/<int:user_pk>/edit/", views.user_edit, name="user_edit"),
    path("users/<int:user_pk>/password/", views.user_password, name="user_password"),
    path("users/<int:user_pk>/roles/new/", views.role_add, name="role_add"),
    path(
        "users/<int:user_pk>/roles/<int:assignment_pk>/delete/",
        views.role_remove,
        name="role_remove",
    ),
]

# Django's own login, logout and password change, with our templates, at /accounts/...
auth_urlpatterns = [
    path("login/", LoginView.as_view(), name="login"),
    path("two-factor/verify/", views.second_factor_verify, name="second_factor_verify"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password_change/",
        PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "password_change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
]
