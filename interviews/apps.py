from django.apps import AppConfig


class InterviewsConfig(AppConfig):
    name = "interviews"

    def ready(self):
        from heymilo.jobs import register_sweep
        from interviews.tasks import (
            apply_retention,
            discard_converted_chunks,
            requeue_condemned_files,
            requeue_stuck_evaluations,
            requeue_stuck_recordings,
        )

        register_sweep(requeue_stuck_evaluations, name="interviews.stuck_evaluations")
        register_sweep(requeue_stuck_recordings, name="interviews.stuck_recordings")
        register_sweep(discard_converted_chunks, name="interviews.converted_chunks")
        register_sweep(apply_retention, name="interviews.retention")
        register_sweep(requeue_condemned_files, name="interviews.condemned_files")
