from django.apps import AppConfig


class CandidatesConfig(AppConfig):
    name = "candidates"

    def ready(self):
        from candidates.tasks import requeue_stuck_ingestions
        from heymilo.jobs import register_sweep

        register_sweep(requeue_stuck_ingestions, name="candidates.stuck_ingestions")
