from django.apps import AppConfig


class AiConfig(AppConfig):
    name = "heymilo.ai"
    label = "ai"

    def ready(self) -> None:
        from celery.signals import worker_init

        # The bundled sentence encoder takes about a second to load: a worker loads it before it
        # takes a task, so no first evaluation waits for it (web processes: heymilo/asgi.py).
        worker_init.connect(_load_encoder, weak=False, dispatch_uid="heymilo.ai.load_encoder")


def _load_encoder(**_: object) -> None:
    from heymilo.ai.embedding import preload

    preload()
