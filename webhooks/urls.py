from django.urls import path

from webhooks import api

WEBHOOK = "webhooks/<str:webhook_id>"
DELIVERY = f"{WEBHOOK}/deliveries/<str:delivery_id>"

urlpatterns = [
    path("webhooks", api.WebhookListCreateApi.as_view()),
    path(WEBHOOK, api.WebhookDetailApi.as_view()),
    path(f"{WEBHOOK}/rotate_secret", api.WebhookRotateSecretApi.as_view()),
    path(f"{WEBHOOK}/enable", api.WebhookEnableApi.as_view()),
    path(f"{WEBHOOK}/test", api.WebhookTestApi.as_view()),
    path(f"{WEBHOOK}/deliveries", api.WebhookDeliveryListApi.as_view()),
    path(DELIVERY, api.WebhookDeliveryDetailApi.as_view()),
    path(f"{DELIVERY}/redeliver", api.WebhookRedeliverApi.as_view()),
]
