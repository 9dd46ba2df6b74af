"""HTTP calls shared by the HTTP JSON and SLM endpoint kinds (stdlib urllib, with timeouts),
mapping network failures to transient or permanent errors."""

import json
import socket
import ssl
import urllib.error
import urllib.parse
import urllib.request

from django.conf import settings

from connectors.kinds.errors import PermanentError, TransientError

MAX_BYTES = 20 * 1024 * 1024


def check_url(url, field: str = "url") -> list[str]:
    if not isinstance(url, str) or not url:
        return [f"“{field}” is required."]
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return [f"“{field}” must be an http:// or https:// URL."]
    return []


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    # A redirect could leave http(s) or carry our token elsewhere: report it instead.
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def request_json(
    url: str, *, method: str = "GET", headers: dict | None = None, body=None, timeout: float | None = None
) -> tuple[int, object]:
    """(status, parsed JSON). Raises TransientError (5xx, 429, network) or PermanentError (4xx,
    redirects, malformed JSON)."""
    status, raw = request_raw(url, method=method, headers=headers, body=body, timeout=timeout)
    if status >= 500 or status == 429:
        raise TransientError(f"{url} answered HTTP {status}.")
    if status >= 400:
        hint = " (check the secret)" if status in (401, 403) else ""
        raise PermanentError(f"{url} answered HTTP {status}{hint}.")
    if status >= 300:
        raise PermanentError(f"{url} answered a redirect (HTTP {status}); configure the final URL.")
    try:
        return status, json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise PermanentError(f"{url} did not answer valid JSON: {error}.") from error


def request_raw(
    url: str, *, method: str = "GET", headers: dict | None = None, body=None, timeout: float | None = None
) -> tuple[int, bytes]:
    """(status, body bytes) for any HTTP answer; network failures raise."""
    problems = check_url(url)
    if problems:
        raise PermanentError(problems[0])
    data = json.dumps(body).encode() if body is not None else None
    # Only http(s) URLs get here (check_url above).
    request = urllib.request.Request(url, data=data, method=method, headers=dict(headers or {}))  # noqa: S310
    if data is not None:
        request.add_header("Content-Type", "application/json")
    request.add_header("Accept", "application/json")
    try:
        with _opener.open(request, timeout=timeout or settings.CONNECTOR_TIMEOUT) as response:
            return response.status, response.read(MAX_BYTES)
    except urllib.error.HTTPError as error:
        return error.code, error.read(MAX_BYTES)
    except TimeoutError as error:
        raise TransientError(f"{url} did not answer within the timeout.") from error
    except urllib.error.URLError as error:
        reason = error.reason
        if isinstance(reason, ssl.SSLError):  # a bad certificate will not fix itself
            raise PermanentError(f"TLS failed for {url}: {reason}.") from error
        if isinstance(reason, TimeoutError | socket.timeout):
            raise TransientError(f"{url} did not answer within the timeout.") from error
        raise TransientError(f"Cannot connect to {url}: {reason}.") from error
    except ConnectionError as error:
        raise TransientError(f"The connection to {url} failed: {error}.") from error
