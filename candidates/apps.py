from django.apps import AppConfig


class CandidatesConfig(AppConfig):
    name = "candidates"

    def ready(self):
        from candidates.tasks import emails_requeue, ingestions_sweep, reminders_queue
        from heymilo.jobs import register_sweep

        register_sweep(ingestions_sweep, name="candidates.stuck_ingestions")
        register_sweep(reminders_queue, name="candidates.reminders")
        register_sweep(emails_requeue, name="candidates.stuck_emails")
