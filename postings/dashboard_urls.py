from django.urls import path

from postings import views, webhook_views

P = "dashboard/postings/<str:posting_id>"
W = "dashboard/settings/webhooks/<str:webhook_id>"

urlpatterns = [
    path("dashboard/postings", views.postings_list, name="postings-list"),
    path("dashboard/postings/new", views.posting_create, name="posting-create"),
    path(P, views.posting_edit, name="posting-edit"),
    path(f"{P}/steps/<str:step_type>", views.step_update, name="posting-step"),
    path(f"{P}/actions/<str:action>", views.posting_action, name="posting-action"),
    path(f"{P}/questions", views.question_create, name="question-create"),
    path(f"{P}/questions/reorder", views.questions_reorder, name="questions-reorder"),
    path(f"{P}/questions/generate", views.questions_generate, name="questions-generate"),
    path(f"{P}/questions/<str:question_id>", views.question_edit, name="question-edit"),
    path(f"{P}/questions/<str:question_id>/delete", views.question_delete, name="question-delete"),
    path("dashboard/settings/webhooks", webhook_views.webhooks, name="settings-webhooks"),
    path(W, webhook_views.webhook_detail, name="settings-webhook"),
    path(f"{W}/test", webhook_views.webhook_test, name="settings-webhook-test"),
    path(f"{W}/rotate", webhook_views.webhook_rotate, name="settings-webhook-rotate"),
    path(f"{W}/delete", webhook_views.webhook_delete, name="settings-webhook-delete"),
    path(
        f"{W}/deliveries/<str:delivery_id>/redeliver",
        webhook_views.delivery_redeliver,
        name="settings-delivery-redeliver",
    ),
]
