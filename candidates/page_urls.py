from django.urls import path

from candidates import pages

urlpatterns = [
    path("apply/<str:posting_id>", pages.apply_page, name="apply"),
    path("apply/<str:posting_id>/<slug:slug>", pages.apply_page, name="apply-slug"),
    path("privacy/<str:posting_id>", pages.privacy_page, name="privacy-notice"),
]
