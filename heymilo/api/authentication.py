from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions, permissions

from heymilo.accounts.selectors import api_key_get_active
from heymilo.accounts.services import api_key_touch

HEADER = "X-API-KEY"


class ApiKeyAuthentication(authentication.BaseAuthentication):
    """`X-API-KEY` identifies the workspace; `request.auth` is the ApiKey."""

    def authenticate(self, request):
        raw_key = request.headers.get(HEADER)
        if raw_key is None:
            return None
        api_key = api_key_get_active(raw_key=raw_key.strip()) if raw_key.strip() else None
        if api_key is None:
            raise exceptions.AuthenticationFailed("Invalid or revoked API key.")
        api_key_touch(api_key=api_key)
        return (None, api_key)

    def authenticate_header(self, request):
        return HEADER


class HasApiKey(permissions.BasePermission):
    message = f"Send your API key in the {HEADER} header."

    def has_permission(self, request, view):
        return request.auth is not None


class ApiKeyScheme(OpenApiAuthenticationExtension):
    target_class = "heymilo.api.authentication.ApiKeyAuthentication"
    name = "ApiKey"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "header", "name": HEADER}
