from django.urls import path

from candidates import api

urlpatterns = [
    path("postings/<str:posting_id>/candidates", api.CandidateListCreateApi.as_view()),
    path("postings/<str:posting_id>/candidates/bulk", api.CandidateBulkApi.as_view()),
    path("postings/<str:posting_id>/candidates/async", api.CandidateAsyncApi.as_view()),
    path("postings/<str:posting_id>/candidates/bulk/async", api.CandidateBulkAsyncApi.as_view()),
    path("ingestions/<str:ingestion_id>", api.IngestionDetailApi.as_view()),
    path("postings/<str:posting_id>/stats", api.PostingStatsApi.as_view()),
]
