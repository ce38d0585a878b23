from django.urls import path

from heymilo.webhooks import api

urlpatterns = [
    path("webhooks", api.WebhookListCreateApi.as_view()),
    path("webhooks/<str:webhook_id>", api.WebhookDetailApi.as_view()),
]
