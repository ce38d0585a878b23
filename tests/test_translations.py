"""Candidates meet their posting's language: every word they can read is marked for
translation, and Spanish is complete."""

import re
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.test import Client

from candidates.services.ingest import candidate_ingest
from tests.factories import make_posting

ROOT = Path(__file__).resolve().parent.parent
CANDIDATE_TEMPLATES = [
    *sorted((ROOT / "templates" / "interview").glob("*.html")),
    ROOT / "templates" / "candidate_base.html",
    ROOT / "templates" / "privacy" / "default_notice.txt",
    ROOT / "templates" / "mail" / "message.html",
]
TRANSLATED = re.compile(
    r"{%\s*(blocktranslate|blocktrans)\b.*?{%\s*end(blocktranslate|blocktrans)\s*%}"
    r"|{%\s*(translate|trans)\s+[\"'].*?[\"'].*?%}",
    re.S,
)


def readable_leftovers(text: str) -> list[str]:
    """Words a reader would see that no translate tag covers."""
    text = TRANSLATED.sub(" ", text)
    text = re.sub(r"{%.*?%}|{{.*?}}|{#.*?#}", " ", text, flags=re.S)
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", text, flags=re.S)
    text = re.sub(r"<[^>]*>", " ", text)
    text = re.sub(r"&\w+;|[^\w\s]|\d", " ", text)
    return [word for word in text.split() if len(word) > 1]


@pytest.mark.parametrize("template", CANDIDATE_TEMPLATES, ids=lambda p: p.name)
def test_every_word_a_candidate_reads_is_marked_for_translation(template):
    assert readable_leftovers(template.read_text()) == []


def test_the_spanish_catalogs_are_complete_and_compile():
    for po_path in (ROOT / "locale" / "es" / "LC_MESSAGES").glob("*.po"):
        catalog = polib.pofile(str(po_path))
        assert catalog.untranslated_entries() == [], po_path.name
        assert catalog.fuzzy_entries() == [], po_path.name
    script = ROOT / "scripts" / "compile_translations.py"
    subprocess.run([sys.executable, str(script)], check=True)


@pytest.fixture
def spanish(owner):
    posting = make_posting(owner.workspace, language="es")
    row = {"name": "Lucía Gómez", "email": "lucia@example.com"}
    return candidate_ingest(posting=posting, row=row).interview


def test_a_spanish_posting_speaks_spanish_to_its_candidates(db, spanish):
    page = Client().get(f"/i/{spanish.public_id}")
    assert page["Content-Language"] == "es"
    html = page.content.decode()
    assert '<html lang="es">' in html
    assert "¿Cómo prefieres responder?" in html and "Cómo usamos tus datos" in html
    assert "How would you like" not in html
    refused = Client().post(f"/i/{spanish.public_id}/consent", {"mode": "text"})
    assert "Acepta la grabación para continuar." in refused.content.decode()
    applied = Client().post(f"/apply/{spanish.posting.public_id}", {"name": "L", "email": "x"})
    assert "válid" in applied.content.decode()  # the API's own validation, in Spanish
    notice = Client().get(f"/privacy/{spanish.posting.public_id}").content.decode()
    assert "Qué se graba" in notice


def test_the_javascript_strings_come_in_the_postings_language(db):
    catalog = Client().get("/i18n/es.js").content.decode()
    assert "Escuchando" in catalog and "Pregunta %(number)s de %(total)s" in catalog


def test_the_interviewers_lines_and_questions_are_translated_in_every_language_it_speaks():
    from django.utils.translation import override

    from heymilo.ai.phrases import ENGLISH_ONLY, LANGUAGES, LINES
    from heymilo.ai.question_texts import TEXTS

    with override("en"):
        lines = {str(line) for key, line in LINES.items() if key not in ENGLISH_ONLY}
        questions = {
            str(text)
            for value in TEXTS.values()
            for text in (value if isinstance(value, tuple) else (value,))
        }
    assert len(lines) == len(LINES) - len(ENGLISH_ONLY)  # no two lines share a text
    for code in LANGUAGES:
        if code == "en":
            continue
        catalog = polib.pofile(str(ROOT / "locale" / code / "LC_MESSAGES" / "django.po"))
        translated = {
            (entry.msgctxt, entry.msgid)
            for entry in catalog.translated_entries()
            if not entry.fuzzy
        }
        assert {("interviewer", text) for text in lines} - translated == set(), code
        assert {("questions", text) for text in questions} - translated == set(), code
