from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "webhooks"
    label = "webhooks"

    def ready(self) -> None:
        from heymilo.jobs import register_sweep
        from webhooks.delivery import deliveries_sweep

        register_sweep(deliveries_sweep, name="webhooks.deliveries")
