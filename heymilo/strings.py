"""Text that PostgreSQL and UTF-8 can hold, from whatever a client sent."""

import re

# Unpaired UTF-16 surrogates: JSON can carry them ("\ud800"), UTF-8 cannot encode them.
SURROGATE = re.compile("[\ud800-\udfff]")


def storable(text: str) -> str:
    """`text` without NUL characters and with unpaired surrogates as U+FFFD."""
    return SURROGATE.sub("\ufffd", text.replace("\x00", ""))
