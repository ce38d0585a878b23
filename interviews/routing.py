from django.urls import path

from interviews.consumers import InterviewConsumer

websocket_urlpatterns = [
    path("ws/interviews/<str:interview_id>/", InterviewConsumer.as_asgi()),
]
