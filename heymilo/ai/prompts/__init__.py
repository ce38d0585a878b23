"""Versioned prompt files: ``<name>.v<N>.md`` with ``## system`` and ``## user`` sections.

The version stored in provenance is the file's stem (``evaluate_answer.v1``); the highest ``N``
for a name wins, so a new prompt version is a new file and old ones stay for reference. Templates
use ``string.Template`` placeholders (``$question``) so JSON braces in prompts need no escaping.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from string import Template

PROMPT_DIR = Path(__file__).resolve().parent
FILE_RE = re.compile(r"^(?P<name>[a-z_]+)\.v(?P<number>\d+)\.md$")
SECTION_RE = re.compile(r"^## (system|user)\s*$", re.MULTILINE)


@dataclass(frozen=True)
class Prompt:
    name: str
    version: str
    system: str
    user: str

    def render(self, **values: object) -> tuple[str, str]:
        text = {k: str(v) for k, v in values.items()}
        return Template(self.system).safe_substitute(text), Template(self.user).safe_substitute(
            text
        )


def _parse(path: Path, name: str) -> Prompt:
    parts = SECTION_RE.split(path.read_text(encoding="utf-8"))
    sections = {parts[i]: parts[i + 1].strip() for i in range(1, len(parts) - 1, 2)}
    return Prompt(name=name, version=path.stem, system=sections["system"], user=sections["user"])


@cache
def load_prompt(name: str) -> Prompt:
    """The newest version of prompt ``name``."""
    versions = []
    for path in PROMPT_DIR.glob(f"{name}.v*.md"):
        match = FILE_RE.match(path.name)
        if match and match.group("name") == name:
            versions.append((int(match.group("number")), path))
    if not versions:
        raise LookupError(f"no prompt file for {name!r} in {PROMPT_DIR}")
    return _parse(max(versions)[1], name)
