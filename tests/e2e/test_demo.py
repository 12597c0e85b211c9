"""Demo mode in the real app: no portal configured (`OMAHALLINTA_DEMO=1`), the embedded
reference portal starts in-process; the sign-in page offers the demo accounts."""

import pytest

from conftest import App, start_tauri_driver


@pytest.fixture(scope="module")
def demo_driver(workdir, axe_source):
    url, stop_all = start_tauri_driver(workdir, "demo", {"OMAHALLINTA_DEMO": "1"})
    yield url
    stop_all()


def test_demo_mode_signs_in_with_a_demo_account(demo_driver):
    app = App(demo_driver)
    try:
        app.tid("demo-badge")
        fills = app.tids("signin-demo-fill")
        assert len(fills) == 4, "the four demo accounts"
        app.check_view("demo-sign-in-en")
        fills[0].click()
        app.tid("signin-submit").click()
        app.tid("services-list")
        assert len(app.d.find_elements("css selector", '[data-testid^="service-row-"]')) > 0
        app.check_view("demo-services-en")
    finally:
        app.quit()
