from django.urls import path

from postings import views

P = "dashboard/postings/<str:posting_id>"

urlpatterns = [
    path("dashboard/postings", views.postings_list, name="postings-list"),
    path("dashboard/postings/new", views.posting_create, name="posting-create"),
    path(P, views.posting_edit, name="posting-edit"),
    path(f"{P}/steps/<str:step_type>", views.step_update, name="posting-step"),
    path(f"{P}/steps/<str:step_type>/add", views.step_add, name="posting-step-add"),
    path(f"{P}/steps/<str:step_type>/remove", views.step_remove, name="posting-step-remove"),
    path(f"{P}/actions/<str:action>", views.posting_action, name="posting-action"),
    path(f"{P}/questions", views.question_create, name="question-create"),
    path(f"{P}/questions/reorder", views.questions_reorder, name="questions-reorder"),
    path(f"{P}/questions/generate", views.questions_generate, name="questions-generate"),
    path(f"{P}/questions/<str:question_id>", views.question_edit, name="question-edit"),
    path(f"{P}/questions/<str:question_id>/delete", views.question_delete, name="question-delete"),
]
