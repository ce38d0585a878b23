from django.urls import path

from interviews import api

urlpatterns = [
    path("postings/<str:posting_id>", api.PostingDetailApi.as_view()),
    path("candidates/<str:candidate_id>", api.CandidateDetailApi.as_view()),
    path("interviews/<str:interview_id>", api.InterviewDetailApi.as_view()),
    path("interviews/<str:interview_id>/data", api.InterviewDataApi.as_view()),
    path("interviews/<str:interview_id>/metadata", api.InterviewMetadataApi.as_view()),
    path("postings/<str:posting_id>/rescore", api.PostingRescoreApi.as_view()),
]
