import pytest
from playwright.sync_api import expect

from demo.seed import DEMO_USERS


@pytest.mark.parametrize(("username", "password", "role"), [(u, p, r) for u, p, _, _, r in DEMO_USERS])
def test_each_demo_user_signs_in_and_sees_the_dashboard(demo_users, login, username, password, role):
    page = login(username, password)
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
    expect(page.get_by_test_id("whoami")).to_contain_text(role or demo_users[username].first_name)


def test_wrong_password_shows_an_error(demo_users, login):
    page = login("officer", "not-the-password")
    expect(page.get_by_role("alert")).to_contain_text("correct username and password")
