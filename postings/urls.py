from django.urls import path

from postings import api

urlpatterns = [
    path("postings", api.PostingListCreateApi.as_view()),
    path("postings/list", api.PostingSummaryListApi.as_view()),
    # postings/<id> itself is routed in interviews/urls.py, which adds its DELETE.
    path("postings/<str:posting_id>/archive", api.PostingArchiveApi.as_view()),
    path("postings/<str:posting_id>/activate", api.PostingActivateApi.as_view()),
    path("postings/<str:posting_id>/clone", api.PostingCloneApi.as_view()),
    path(
        "postings/<str:posting_id>/ingestion_url_key/regenerate",
        api.PostingRegenerateIngestionKeyApi.as_view(),
    ),
    path("postings/<str:posting_id>/workflow/<str:step_id>", api.StepDetailApi.as_view()),
    path("postings/<str:posting_id>/questions", api.QuestionListCreateApi.as_view()),
    path("postings/<str:posting_id>/questions/reorder", api.QuestionReorderApi.as_view()),
    path("postings/<str:posting_id>/questions/<str:question_id>", api.QuestionDetailApi.as_view()),
]
