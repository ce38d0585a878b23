from django.urls import path

from interviews import views

I = "dashboard/interviews/<str:interview_id>"  # noqa: E741

urlpatterns = [
    path(I, views.interview_report, name="interview-report"),
    path(f"{I}/print", views.interview_print, name="interview-print"),
    path(f"{I}/captions.vtt", views.interview_captions, name="interview-captions"),
    path(f"{I}/decision", views.interview_decide, name="interview-decide"),
    path(f"{I}/override", views.interview_override, name="interview-override"),
    path(f"{I}/erase", views.candidate_erase, name="candidate-erase"),
    path("dashboard/postings/<str:posting_id>/erase", views.posting_erase, name="posting-erase"),
]
