from tests.connectors.builders import connector, run, suite


def _connector(personas):
    return {"pk": connector(personas["officer"]).pk}


def _run(personas):
    return {"pk": run(connector(personas["officer"])).pk}


def _suite(personas):
    return {"pk": suite(personas["officer"]).pk}


# anonymous outsider engineer officer auditor auditor_ended
EXPECTED = {
    "connectors:connector-list": ("302 403 200 200 200 302", "302 403 405 405 405 302", None),
    "connectors:connector-create": ("302 403 403 200 403 302", "302 403 403 200 403 302", None),
    "connectors:connector-detail": ("302 403 200 200 200 302", "302 403 405 405 405 302", _connector),
    "connectors:connector-edit": ("302 403 403 200 403 302", "302 403 403 200 403 302", _connector),
    # Only officers may run a connector; the button is POST-only.
    "connectors:connector-run": ("302 403 405 405 403 302", "302 403 403 302 403 302", _connector),
    "connectors:run-status": ("302 403 200 200 200 302", "302 403 405 405 405 302", _run),
    "connectors:suite-list": ("302 403 200 200 200 302", "302 403 405 405 405 302", None),
    "connectors:suite-create": ("302 403 403 200 403 302", "302 403 403 200 403 302", None),
    "connectors:suite-detail": ("302 403 200 200 200 302", "302 403 405 405 405 302", _suite),
    "connectors:suite-edit": ("302 403 403 200 403 302", "302 403 403 200 403 302", _suite),
}
