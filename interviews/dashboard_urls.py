from django.urls import path

from interviews import dashboard_views

I = "dashboard/interviews/<str:interview_id>"  # noqa: E741

urlpatterns = [
    path(I, dashboard_views.interview_report, name="interview-report"),
    path(f"{I}/print", dashboard_views.interview_print, name="interview-print"),
    path(f"{I}/captions.vtt", dashboard_views.interview_captions, name="interview-captions"),
    path(f"{I}/decision", dashboard_views.interview_decide, name="interview-decide"),
    path(f"{I}/override", dashboard_views.interview_override, name="interview-override"),
]
