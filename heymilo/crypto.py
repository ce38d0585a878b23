"""Symmetric encryption for secrets we must read back (webhook signing secrets)."""

import base64
import hashlib

from cryptography.fernet import Fernet
from django.conf import settings


def _fernet() -> Fernet:
    # Derived from SECRET_KEY: rotating SECRET_KEY means rotating the webhook secrets too.
    digest = hashlib.sha256(b"heymilo-secrets:" + settings.SECRET_KEY.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def encrypt(plaintext: str) -> str:
    return _fernet().encrypt(plaintext.encode()).decode()


def decrypt(token: str) -> str:
    return _fernet().decrypt(token.encode()).decode()
