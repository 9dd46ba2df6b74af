from evidence.models import ApiToken
from tests import factories


def _evidence(personas):
    return {"pk": factories.evidence(personas["officer"]).pk}


def _file(personas):
    item = factories.evidence(personas["officer"])
    return {"pk": item.versions.get().files.get().pk}


def _own_token(personas):
    # Tokens are personal: each persona may only revoke its own, so this is the officer's.
    return {
        "pk": ApiToken.objects.create(user=personas["officer"], name="ci", prefix="x", digest="d" * 64).pk
    }


EXPECTED = {
    "evidence:evidence-list": ("302 403 200 200 200 302", "302 403 405 405 405 302", None),
    "evidence:evidence-create": ("302 403 200 200 403 302", "302 403 200 200 403 302", None),
    "evidence:evidence-detail": ("302 403 200 200 200 302", "302 403 405 405 405 302", _evidence),
    # The service decides who may add a version (creator or officer): engineers get 403 there.
    "evidence:evidence-version-add": ("302 403 405 405 403 302", "302 403 400 400 403 302", _evidence),
    "evidence:evidence-review": ("302 403 405 405 403 302", "302 403 403 400 403 302", _evidence),
    "evidence:file-download": ("302 403 200 200 200 302", "302 403 405 405 405 302", _file),
    "evidence:token-list": ("302 403 200 200 403 302", "302 403 405 405 403 302", None),
    "evidence:token-create": ("302 403 405 405 403 302", "302 403 400 400 403 302", None),
    "evidence:token-revoke": ("302 403 405 405 403 302", "302 403 404 302 403 302", _own_token),
    "api:evidence-list": ("401 403 200 200 200 302", "401 403 400 400 403 302", None),
    "api:soa-list": ("401 403 200 200 200 302", "401 403 403 405 403 302", None),
    "api:schema": ("401 403 200 200 200 302", "401 403 405 405 403 302", None),
    "api:docs": ("401 403 200 200 200 302", "401 403 405 405 403 302", None),
}
