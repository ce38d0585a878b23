from dataclasses import dataclass

from django.db.models import QuerySet
from rest_framework import serializers

from heymilo.errors import Invalid

MAX_LIMIT = 100


class PageParams(serializers.Serializer):
    limit = serializers.IntegerField(min_value=1, max_value=MAX_LIMIT, default=10)
    starting_after = serializers.CharField(required=False, max_length=64)


@dataclass
class Page:
    rows: list
    total_count: int
    has_more: bool


def paginate(queryset: QuerySet, query_params, *, id_field: str = "public_id") -> Page:
    """Cursor pagination in primary-key order: `starting_after` names the last id already seen."""
    params = PageParams(data=query_params)
    params.is_valid(raise_exception=True)
    limit = params.validated_data["limit"]
    total_count = queryset.count()
    page_qs = queryset.order_by("pk")
    cursor = params.validated_data.get("starting_after")
    if cursor:
        anchor = queryset.filter(**{id_field: cursor}).values_list("pk", flat=True).first()
        if anchor is None:
            raise Invalid(
                "invalid", f"No object with id {cursor!r} in this list.", param="starting_after"
            )
        page_qs = page_qs.filter(pk__gt=anchor)
    rows = list(page_qs[: limit + 1])
    return Page(rows=rows[:limit], total_count=total_count, has_more=len(rows) > limit)
