"""HTTP JSON API: GET (or POST) a URL and keep the JSON, optionally only some fields.

The secret is sent as `Authorization: Bearer <secret>`, or in the header named by
`secret_header` (e.g. PRIVATE-TOKEN for GitLab)."""

from connectors.kinds.http import check_url, request_json

EXAMPLE = {
    "url": "https://idp.example.com/api/v1/users",
    "headers": {"Accept": "application/json"},
    "fields": ["id", "profile.login", "mfa.enrolled"],
    "secret_header": "Authorization",
}


def check_config(config: dict) -> list[str]:
    problems = check_url(config.get("url"))
    if not isinstance(config.get("headers", {}), dict):
        problems.append("“headers” must be an object of header names to values.")
    fields = config.get("fields", [])
    if not isinstance(fields, list) or not all(isinstance(f, str) and f for f in fields):
        problems.append('“fields” must be a list of dotted field paths, e.g. ["profile.login"].')
    if config.get("method", "GET") not in ("GET", "POST"):
        problems.append("“method” must be GET or POST.")
    return problems


def _pick(item, path: str):
    for part in path.split("."):
        if not isinstance(item, dict):
            return None
        item = item.get(part)
    return item


def select(data, fields: list[str]):
    """Keep only `fields` (dotted paths) of an object, or of each object in a list."""
    if not fields:
        return data
    if isinstance(data, list):
        return [select(item, fields) for item in data]
    return {path: _pick(data, path) for path in fields}


def collect(config: dict, secret: str) -> dict:
    headers = dict(config.get("headers", {}))
    if secret:
        name = config.get("secret_header") or "Authorization"
        headers[name] = f"Bearer {secret}" if name.lower() == "authorization" else secret
    status, data = request_json(config["url"], method=config.get("method", "GET"), headers=headers)
    return {"url": config["url"], "status": status, "data": select(data, config.get("fields", []))}
