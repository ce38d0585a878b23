"""Keyset pagination: a page starts after the last row already seen, named by its sort key.

Unlike OFFSET, the database reads only the rows it returns (an index in the sort order gives
them in order), so page 2,000 of 100,000 costs what page 1 costs, and a row added meanwhile
neither repeats nor hides a row on the next page.
"""

from dataclasses import dataclass
from functools import reduce

from django.db.models import F, Q


@dataclass(frozen=True)
class Key:
    """One column of a sort order; NULLs (only where `nullable`) sort last either way."""

    field: str
    descending: bool = False
    nullable: bool = False

    def ordering(self):
        nulls_last = True if self.nullable else None
        if self.descending:
            return F(self.field).desc(nulls_last=nulls_last)
        return F(self.field).asc(nulls_last=nulls_last)


def ordering(keys: list[Key]) -> list:
    return [key.ordering() for key in keys]


def after(keys: list[Key], values: list) -> Q:
    """The rows that sort after a row whose key columns hold `values`. The last key must be
    unique (the primary key), so no two rows tie."""
    key, value = keys[0], values[0]
    if len(keys) == 1:
        return _beyond(key, value)
    rest = after(keys[1:], values[1:])
    if value is None:  # nulls sort last: only other nulls can follow
        return Q(**{f"{key.field}__isnull": True}) & rest
    return _beyond(key, value) | (Q(**{key.field: value}) & rest)


def _beyond(key: Key, value) -> Q:
    if value is None:
        return Q(pk__in=[])
    beyond = Q(**{f"{key.field}__{'lt' if key.descending else 'gt'}": value})
    return beyond | Q(**{f"{key.field}__isnull": True}) if key.nullable else beyond


def values_of(row, keys: list[Key]) -> list:
    """The key columns of a fetched row (`candidate__name` follows the relation)."""
    return [reduce(getattr, key.field.split("__"), row) for key in keys]
