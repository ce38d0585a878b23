from django.urls import path

from heymilo.files import serve_signed_file
from interviews import views

urlpatterns = [
    path("i/<str:interview_id>", views.interview_page, name="interview-page"),
    path("i/<str:interview_id>/consent", views.interview_consent, name="interview-consent"),
    path("i/<str:interview_id>/resume", views.resume_upload, name="interview-resume"),
    path("i/<str:interview_id>/resume/skip", views.resume_skip, name="interview-resume-skip"),
    path(
        "i/<str:interview_id>/recordings/<str:kind>",
        views.recording_chunk,
        name="interview-recording",
    ),
    path("i/<str:interview_id>/speech/<int:seq>.wav", views.interviewer_speech),
    path("apply/<str:posting_id>", views.apply_page, name="apply"),
    path("apply/<str:posting_id>/<slug:slug>", views.apply_page, name="apply-slug"),
    path("files/<str:token>/<str:filename>", serve_signed_file, name="signed-file"),
]
