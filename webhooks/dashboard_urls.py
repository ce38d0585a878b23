from django.urls import path

from webhooks import views

W = "dashboard/settings/webhooks/<str:webhook_id>"

urlpatterns = [
    path("dashboard/settings/webhooks", views.webhooks, name="settings-webhooks"),
    path(W, views.webhook_detail, name="settings-webhook"),
    path(f"{W}/test", views.webhook_test, name="settings-webhook-test"),
    path(f"{W}/rotate", views.webhook_rotate, name="settings-webhook-rotate"),
    path(f"{W}/delete", views.webhook_delete, name="settings-webhook-delete"),
    path(
        f"{W}/deliveries/<str:delivery_id>/redeliver",
        views.delivery_redeliver,
        name="settings-delivery-redeliver",
    ),
]
