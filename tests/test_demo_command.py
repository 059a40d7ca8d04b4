"""`nuskha demo` as a newcomer runs it: a server with the demo collection, a staff login."""

from __future__ import annotations

import re
import urllib.error
import urllib.request

import pytest

from tests.conftest import start_demo, stop_demo

pytestmark = pytest.mark.slow


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_the_demo_serves_home_staff_login_and_healthz(demo_server) -> None:
    status, home = fetch(demo_server.url + "?lang=en")
    assert status == 200
    assert "National Library and Archives of Iran" in home
    status, login = fetch(demo_server.url + "staff/")  # redirected to the login form
    assert status == 200 and 'name="username"' in login
    status, health = fetch(demo_server.url + "healthz")
    assert status == 200 and '"ok"' in health
    assert fetch(demo_server.url + "static/nuskha/staff.css")[0] == 200


def test_the_demo_prints_a_staff_login_that_works(demo_server) -> None:
    log = demo_server.log()
    match = re.search(r"^\s+admin\s+(\S+)\s+\(administrator\)", log, re.MULTILINE)
    assert match, log
    assert (demo_server.data_dir / "demo-password").read_text().strip() == match.group(1)


def test_a_second_run_reuses_the_data_and_stops_cleanly(tmp_path) -> None:
    first = start_demo(tmp_path / "data")
    assert stop_demo(first) == 0
    second = start_demo(tmp_path / "data")
    try:
        assert re.search(r"items: 0 new, \d+ kept", second.log()), second.log()
    finally:
        assert stop_demo(second) == 0
