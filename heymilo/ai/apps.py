from django.apps import AppConfig


class AiConfig(AppConfig):
    name = "heymilo.ai"
    label = "ai"

    def ready(self) -> None:
        from celery.signals import worker_init

        # A worker loads the bundled sentence encoder before it takes its first task, so the
        # first interview it scores does not wait a second for it (web processes load it lazily).
        worker_init.connect(_load_encoder, weak=False, dispatch_uid="heymilo.ai.load_encoder")


def _load_encoder(**_: object) -> None:
    from heymilo.ai.embedding import preload

    preload()
