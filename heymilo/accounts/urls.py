from django.contrib.auth import views as auth_views
from django.urls import path

from heymilo.accounts import views

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(next_page="login"), name="logout"),
    path("password-reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("password-reset/sent/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("reset/done/", views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("", views.home, name="home"),
    path("dashboard/", views.dashboard_home, name="dashboard-home"),
    path("dashboard/workspace", views.workspace_switch, name="workspace-switch"),
    path("dashboard/settings/api-keys", views.api_keys, name="settings-api-keys"),
    path(
        "dashboard/settings/api-keys/<int:key_id>/revoke",
        views.api_key_revoke,
        name="settings-api-key-revoke",
    ),
    path("dashboard/settings/members", views.members, name="settings-members"),
    path("dashboard/settings/privacy", views.privacy, name="settings-privacy"),
    path("dashboard/settings/branding", views.branding, name="settings-branding"),
    path(
        "dashboard/settings/members/<int:membership_id>",
        views.member_update,
        name="settings-member-update",
    ),
]
