"""The two ways a collection fails. Transient errors are retried with backoff; permanent ones
end the run at once with their message (shown to the officer, so make it say what to fix)."""


class ConnectorError(Exception):
    pass


class TransientError(ConnectorError):
    """Timeouts, refused connections, 5xx and 429 answers: worth trying again later."""


class PermanentError(ConnectorError):
    """Bad configuration, 4xx answers, malformed data, bad SQL, missing repository."""
