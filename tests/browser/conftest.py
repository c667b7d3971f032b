import pytest

from .servers import OUTPUT, browser, chromium_path


def pytest_collection_modifyitems(config, items):
    reason = None
    try:
        import playwright  # noqa: F401
    except ImportError:
        reason = "Playwright for Python is not installed (pip install -r tests/requirements.txt)"
    if reason is None and chromium_path() is None:
        reason = "no Chromium found (apt-get install chromium, or set NOV1962_CHROMIUM to its path)"
    if reason:
        for item in items:
            if "tests/browser" in str(item.fspath):
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def chromium():
    with browser() as launched:
        yield launched


@pytest.fixture
def page(chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 1700})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def shots():
    OUTPUT.mkdir(parents=True, exist_ok=True)
    return lambda page, name: page.screenshot(path=str(OUTPUT / f"{name}.png"), full_page=True)
