"""Candidates' pages in their posting's language (the dashboard stays in English)."""

from functools import wraps

from django.conf import settings
from django.utils import translation
from django.views.i18n import JavaScriptCatalog

SUPPORTED = {code for code, _ in settings.LANGUAGES}


def candidate_language(language: str) -> str:
    """The posting's language if we speak it ("es-MX" → "es"), else English."""
    code = (language or "").lower().split("-")[0]
    return code if code in SUPPORTED else settings.LANGUAGE_CODE


def in_language_of(find_posting):
    """A candidate view runs in its posting's language: validation messages, refusals, the page.
    `find_posting(**url_kwargs)` gives the posting (or None: English)."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            posting = find_posting(**kwargs)
            code = candidate_language(posting.language if posting else "")
            with translation.override(code):
                response = view(request, *args, **kwargs)
            response["Content-Language"] = code
            return response

        return wrapper

    return decorate


def javascript_catalog(request, language: str):
    """The candidate scripts' strings (`gettext()` in room.js, resume.js) in `language`."""
    with translation.override(candidate_language(language)):
        return JavaScriptCatalog.as_view(domain="djangojs")(request)
