"""Indexes that both PostgreSQL and the embedded SQLite accept."""

from django.db import models
from django.db.models import OrderBy


class Index(models.Index):
    """A `models.Index` whose descending `nulls_last` orderings reach SQLite without the
    clause: its CREATE INDEX refuses NULLS LAST, and a descending SQLite index already puts
    NULLs last (they sort below every value). PostgreSQL gets the index as written."""

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if schema_editor.connection.vendor != "sqlite" or not self.expressions:
            return super().create_sql(model, schema_editor, using=using, **kwargs)
        portable = self.clone()
        portable.expressions = tuple(_without_nulls_last(e) for e in self.expressions)
        return models.Index.create_sql(portable, model, schema_editor, using=using, **kwargs)


def _without_nulls_last(expression):
    if isinstance(expression, OrderBy) and expression.descending and expression.nulls_last:
        return OrderBy(expression.expression, descending=True)
    return expression
