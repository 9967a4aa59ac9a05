"""A real browser (Debian's headless chromium) loads every page of a running `codedrift dashboard`.

Fails on a Streamlit exception box; saves a screenshot per page (phone width and desktop) under the
test's temporary directory; reports the time from request to a fully rendered Overview (headline
metrics and the pass-rate chart drawn).
"""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from tests import REPO_ROOT

pytestmark = pytest.mark.slow
PAGES = {"": "Is the agent getting worse?", "breakdown": "Breakdown by language", "tasks": "Tasks", "runs": "Runs",
         "methodology": "Methodology", "downloads": "Downloads"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def dashboard(demo_db):
    port = free_port()
    env = os.environ | {"CODEDRIFT_DB_URL": demo_db}
    proc = subprocess.Popen([sys.executable, "-m", "codedrift.cli", "dashboard", "--port", str(port)], cwd=REPO_ROOT,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).read() == b"ok":
                break
        except OSError:
            time.sleep(0.5)
    else:
        proc.kill()
        pytest.fail(f"dashboard did not start: {proc.stdout.read()[-2000:]}")
    yield url
    proc.terminate()
    proc.wait(timeout=20)


@pytest.fixture(scope="module")
def browser():
    chromium, driver = shutil.which("chromium"), shutil.which("chromedriver")
    try:
        from selenium import webdriver
    except ImportError:
        webdriver = None
    if not (chromium and driver and webdriver):
        (pytest.fail if os.environ.get("CI") else pytest.skip)("chromium, chromedriver or selenium not installed")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(arg)
    b = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=driver))
    yield b
    b.quit()


def wait_for(browser, css: str, timeout: float = 90):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(browser, timeout).until(ec.presence_of_element_located((By.CSS_SELECTOR, css)))


def test_every_page_renders_in_a_real_browser(dashboard, browser, tmp_path):
    from selenium.webdriver.common.by import By

    for width, height, label in ((390, 2400, "phone"), (1280, 2400, "desktop")):
        browser.set_window_size(width, height)
        for path, title in PAGES.items():
            t0 = time.monotonic()
            browser.get(f"{dashboard}/{path}")
            wait_for(browser, "h1")
            # The page is done when Streamlit stops running the script and every chart is drawn.
            wait_for(browser, '[data-testid="stApp"][data-test-script-state="notRunning"]')
            if path == "":
                wait_for(browser, '[data-testid="stMetric"]')
                wait_for(browser, ".vega-embed canvas, .vega-embed svg")
                elapsed = time.monotonic() - t0
                print(f"{label}: overview fully rendered {elapsed:.2f} s after the request")
            heading = browser.find_element(By.CSS_SELECTOR, "h1").text
            assert title in heading, (path, heading)
            errors = browser.find_elements(By.CSS_SELECTOR, '[data-testid="stException"]')
            assert not errors, (path, [e.text[:500] for e in errors])
            assert "Traceback" not in browser.page_source
            browser.save_screenshot(str(tmp_path / f"{label}-{path or 'overview'}.png"))
    shots = sorted(p.name for p in tmp_path.glob("*.png"))
    assert len(shots) == 12
