"""Browser tests: Playwright drives Debian's chromium against pytest-django's live server."""

import os
import shutil

import pytest

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# around it are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)
            if not os.path.exists(CHROMIUM):
                reason = "chromium is not installed (bin/setup --with-browser)"
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture
def demo_users(transactional_db):
    from demo.seed import demo_seed

    return demo_seed()


@pytest.fixture
def login(page, live_server):
    """Sign in through the real log-in form; returns the page on the dashboard."""

    def _login(username: str, password: str, verify: bool = True):
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_load_state()
        if verify and "/accounts/two-factor/verify/" in page.url:
            # The demo auditor's authenticator has a published secret (isms.demo_auditor).
            from django_otp.oath import totp

            from auditors.demo import demo_totp_key

            page.get_by_label("Code from your authenticator app").fill(
                f"{totp(bytes.fromhex(demo_totp_key())):06d}"
            )
            page.get_by_role("button", name="Verify").click()
        return page

    return _login
