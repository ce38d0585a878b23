from rest_framework.response import Response
from rest_framework.views import APIView

from heymilo.api.pagination import paginate
from heymilo.api.throttling import rate_limit_headers
from heymilo.errors import Invalid


class ApiView(APIView):
    """Base for every /api/v4 view: the caller's workspace and the rate-limit headers."""

    @property
    def workspace(self):
        return self.request.auth.workspace

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        for name, value in rate_limit_headers(request).items():
            response[name] = value
        return response


def single(object_name: str, data: dict, *, status: int = 200) -> Response:
    return Response({"object": object_name, "data": data}, status=status)


def listing(rows: list, *, url: str, total_count: int, has_more: bool = False, **extra) -> Response:
    body = {"object": "list", "data": rows, "total_count": total_count, "has_more": has_more}
    body["url"] = url
    body.update(extra)
    return Response(body)


def paginated(queryset, request, serializer_class, *, url: str) -> Response:
    """One cursor page of `queryset` as a list envelope (see heymilo.api.pagination)."""
    page = paginate(queryset, request.query_params)
    return listing(
        serializer_class(page.rows, many=True).data,
        url=url,
        total_count=page.total_count,
        has_more=page.has_more,
    )


def validated(serializer_class, data, **kwargs) -> dict:
    serializer = serializer_class(data=data, **kwargs)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def choice_param(query_params, name: str, allowed: list[str]) -> str | None:
    """An optional query parameter restricted to `allowed`; anything else is a 422."""
    value = query_params.get(name)
    if value is not None and value not in allowed:
        raise Invalid("invalid", f"{name} must be one of {', '.join(allowed)}.", param=name)
    return value
