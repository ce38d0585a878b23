from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "heymilo.webhooks"
    label = "webhooks"
