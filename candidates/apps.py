from django.apps import AppConfig


class CandidatesConfig(AppConfig):
    name = "candidates"

    def ready(self):
        from candidates.tasks import ingestions_sweep
        from heymilo.jobs import register_sweep

        register_sweep(ingestions_sweep, name="candidates.stuck_ingestions")
