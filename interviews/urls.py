from django.urls import path

from interviews import api

urlpatterns = [
    path("interviews/<str:interview_id>/data", api.InterviewDataApi.as_view()),
    path("interviews/<str:interview_id>/metadata", api.InterviewMetadataApi.as_view()),
    path("postings/<str:posting_id>/rescore", api.PostingRescoreApi.as_view()),
]
