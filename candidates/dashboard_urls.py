from django.urls import path

from candidates import views

P = "dashboard/postings/<str:posting_id>/candidates"

urlpatterns = [
    path(P, views.leaderboard, name="candidates-leaderboard"),
    path(f"{P}/updates", views.leaderboard_updates, name="candidates-updates"),
    path(f"{P}/bulk", views.bulk_decide, name="candidates-bulk"),
    path(f"{P}/export.csv", views.export_csv, name="candidates-export"),
    path(f"{P}/add", views.candidate_add, name="candidates-add"),
    path(f"{P}/import", views.import_upload, name="candidates-import"),
    path(f"{P}/import/commit", views.import_commit, name="candidates-import-commit"),
    path(f"{P}/import/<str:ingestion_id>", views.import_status, name="candidates-import-status"),
]
