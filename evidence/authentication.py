import datetime

from django.utils import timezone
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from evidence.models import ApiToken
from evidence.models.tokens import token_digest
from isms.access import may_use_api_tokens


class ApiTokenAuthentication(TokenAuthentication):
    """`Authorization: Token <key>` against hashed, expiring, revocable personal tokens."""

    def authenticate_credentials(self, key):
        token = ApiToken.objects.select_related("user").filter(digest=token_digest(key)).first()
        if token is None:
            raise exceptions.AuthenticationFailed("Invalid token.")
        if not token.is_usable:
            raise exceptions.AuthenticationFailed("This token has expired or was revoked.")
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed("This account is disabled.")
        if not may_use_api_tokens(token.user):
            raise exceptions.AuthenticationFailed("Auditor accounts cannot use API tokens.")
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > datetime.timedelta(minutes=1):
            token.last_used_at = now
            token.save(update_fields=["last_used_at"])
        return token.user, token
