"""What every dashboard view shares about errors: one mapping of a service's refusal to what
the recruiter sees (a message on the form or on the page), and validation with the API's
serializers, so a rule lives in one place for the API and the dashboard alike."""

from collections.abc import Iterator
from contextlib import contextmanager

from django import forms
from django.contrib import messages
from django.utils.http import url_has_allowed_host_and_scheme

from heymilo.errors import DomainError


@contextmanager
def reported(request, form: forms.Form | None = None) -> Iterator[None]:
    """Run the block; a DomainError it raises becomes an error on `form` (on the field it names,
    else the whole form) or, without a form, a message on the next page. The rest of the block
    is skipped, so a block ends with its success path and the code after it is the failure's."""
    try:
        yield
    except DomainError as error:
        if form is None:
            messages.error(request, error.message)
        else:
            form.add_error(error.param if error.param in form.fields else None, error.message)


def validate_with(form: forms.Form, serializer_class, data: dict, **kwargs) -> dict | None:
    """Validate `data` with an API serializer; copy its errors onto `form`. None if invalid."""
    serializer = serializer_class(data=data, **kwargs)
    if serializer.is_valid():
        return dict(serializer.validated_data)
    add_errors(form, serializer.errors)
    return None


def add_errors(form: forms.Form, errors) -> None:
    if not isinstance(errors, dict):
        form.add_error(None, "; ".join(flatten(errors)))
        return
    for name, texts in errors.items():
        form.add_error(name if name in form.fields else None, "; ".join(flatten(texts)))


def flatten(errors) -> list[str]:
    """A serializer's nested errors as one list of readable lines."""
    if isinstance(errors, dict):
        return [f"{key}: {m}" for key, value in errors.items() for m in flatten(value)]
    if isinstance(errors, list):
        return [m for item in errors for m in flatten(item)]
    return [str(errors)]


def back_to(request, default: str) -> str:
    """Where a form asked to return (`next`), if it is a path on this site; else `default`. A
    `next` pointing elsewhere (another host, `javascript:`) would make us an open redirect."""
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    safe = (
        wanted.startswith("/")
        and wanted.isprintable()
        and url_has_allowed_host_and_scheme(wanted, allowed_hosts=None, require_https=False)
    )
    return wanted if safe else default
