from django.urls import path

from candidates import api

# Outside /api/v4: no API key, the URL's key is the credential (job boards, careers pages).
urlpatterns = [
    path("intake/v1/candidate/<str:ingestion_url_key>", api.IntakeApi.as_view()),
]
