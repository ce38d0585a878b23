from interviews.routing import websocket_urlpatterns as interview_patterns

websocket_urlpatterns = [*interview_patterns]
