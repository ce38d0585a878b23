from django.apps import AppConfig


class AiConfig(AppConfig):
    name = "heymilo.ai"
    label = "ai"

    def ready(self) -> None:
        from celery.signals import worker_init

        from heymilo.ai.embedding import warm_up

        # The bundled sentence encoder takes about a second to load. Web processes start loading
        # it in the background as they boot, and a worker loads it before it takes a task, so no
        # candidate's answer and no first evaluation waits for it.
        warm_up()
        worker_init.connect(_load_encoder, weak=False, dispatch_uid="heymilo.ai.load_encoder")


def _load_encoder(**_: object) -> None:
    from heymilo.ai.embedding import preload

    preload()
