"""Connector secrets at rest: Fernet (AES-128-CBC + HMAC-SHA256) with CONNECTOR_SECRET_KEY.

In DEBUG without a configured key, a key is derived from SECRET_KEY so the local demo works;
settings.py refuses to start in production without CONNECTOR_SECRET_KEY."""

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def _fernet() -> Fernet:
    key = settings.CONNECTOR_SECRET_KEY
    if not key:
        digest = hashlib.sha256(f"connector-secrets:{settings.SECRET_KEY}".encode()).digest()
        key = base64.urlsafe_b64encode(digest).decode()
    try:
        return Fernet(key)
    except ValueError as error:
        raise ImproperlyConfigured(
            "CONNECTOR_SECRET_KEY must be 32 url-safe base64-encoded bytes."
        ) from error


def secret_encrypt(plain: str) -> str:
    return _fernet().encrypt(plain.encode()).decode() if plain else ""


class SecretUnreadable(Exception):
    pass


def secret_decrypt(token: str) -> str:
    if not token:
        return ""
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken as error:
        raise SecretUnreadable(
            "The stored secret cannot be decrypted (was CONNECTOR_SECRET_KEY changed?); set it again."
        ) from error
