from django.urls import path

from interviews import pages

urlpatterns = [
    path("i/<str:interview_id>", pages.interview_page, name="interview-page"),
    path("i/<str:interview_id>/consent", pages.interview_consent, name="interview-consent"),
    path("i/<str:interview_id>/resume", pages.resume_upload, name="interview-resume"),
    path("i/<str:interview_id>/resume/skip", pages.resume_skip, name="interview-resume-skip"),
    path(
        "i/<str:interview_id>/recordings/<str:kind>",
        pages.recording_chunk,
        name="interview-recording",
    ),
    path("i/<str:interview_id>/speech/<int:seq>.wav", pages.interviewer_speech),
    path("i/<str:interview_id>/speech/check.wav", pages.voice_check, name="interview-voice-check"),
    path("i/<str:interview_id>/unsubscribe", pages.unsubscribe, name="interview-unsubscribe"),
]
