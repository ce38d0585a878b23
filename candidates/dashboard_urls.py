from django.urls import path

from candidates import views

P = "dashboard/postings/<str:posting_id>/candidates"

I = "dashboard/interviews/<str:interview_id>"  # noqa: E741

urlpatterns = [
    path(f"{I}/invitation", views.invitation_resend, name="invitation-resend"),
    path(f"{I}/deadline", views.deadline_extend, name="deadline-extend"),
    path(P, views.leaderboard, name="candidates-leaderboard"),
    path(
        "dashboard/postings/<str:posting_id>/invitations",
        views.outreach,
        name="candidates-outreach",
    ),
    path("dashboard/settings/mail", views.mail_log, name="settings-mail"),
    path("dashboard/settings/mail/<int:email_id>", views.mail_detail, name="settings-mail-detail"),
    path(f"{P}/updates", views.leaderboard_updates, name="candidates-updates"),
    path(f"{P}/bulk", views.bulk_decide, name="candidates-bulk"),
    path(f"{P}/export.csv", views.export_csv, name="candidates-export"),
    path(f"{P}/add", views.candidate_add, name="candidates-add"),
    path(f"{P}/import", views.import_upload, name="candidates-import"),
    path(f"{P}/import/commit", views.import_commit, name="candidates-import-commit"),
    path(f"{P}/import/<str:ingestion_id>", views.import_status, name="candidates-import-status"),
]
