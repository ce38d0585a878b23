"""Compile locale/*/LC_MESSAGES/*.po into the .mo files Django reads, in pure Python (polib),
so `make run` needs no gettext tools. Update the .po files with `manage.py makemessages`."""

from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parent.parent / "locale"

for po_path in sorted(LOCALE.glob("*/LC_MESSAGES/*.po")):
    catalog = polib.pofile(str(po_path))
    untranslated = [entry.msgid for entry in catalog.untranslated_entries()]
    if untranslated:
        raise SystemExit(f"{po_path}: {len(untranslated)} untranslated, e.g. {untranslated[0]!r}")
    catalog.save_as_mofile(str(po_path.with_suffix(".mo")))
