"""The explorer as a student sees it: in Voila and in JupyterLab, driven through the page by
headless Chromium. Each step asserts what the page shows against the filter core, and saves a
screenshot under test-output/browser/."""

import re

import pytest

from helpers.data import load_documents
from helpers.filters import filter_documents

from .servers import server

DOCS = load_documents()
TOTAL = len(DOCS)


def count_text(page) -> str:
    return page.locator(".nov1962-count").inner_text().strip()


def shown_ids(page) -> list[str]:
    cells = page.locator(".nov1962-table table tbody tr td:nth-child(3) small").all_inner_texts()
    return [re.sub(r"[()]", "", c).strip() for c in cells]


def drive_the_explorer(page, shots, prefix: str) -> None:
    try:
        _drive(page, shots, prefix)
    except Exception:
        shots(page, f"{prefix}-failed")  # what the page showed when the step failed
        raise


def _drive(page, shots, prefix: str) -> None:
    page.wait_for_selector(f".nov1962-count >> text={TOTAL} of {TOTAL} documents", timeout=120_000)
    shots(page, f"{prefix}-1-start")

    actors = page.locator(".nov1962-actors input")
    actors.click()
    actors.type("kuznetsov")
    actors.press("Tab")  # a tag is added when the box loses focus (JupyterLab keeps Enter for itself)
    expected = filter_documents(DOCS, actors="kuznetsov")
    page.wait_for_selector(f".nov1962-count >> text={len(expected)} of {TOTAL} documents", timeout=20_000)
    shots(page, f"{prefix}-2-actor")

    page.locator(".nov1962-from input[type=date]").fill("1962-11-05")
    page.locator(".nov1962-from input[type=date]").press("Enter")
    page.locator(".nov1962-to input[type=date]").fill("1962-11-08")
    page.locator(".nov1962-to input[type=date]").press("Enter")
    expected = filter_documents(DOCS, "1962-11-05", "1962-11-08", actors="kuznetsov")
    page.wait_for_selector(f".nov1962-count >> text={len(expected)} of {TOTAL} documents", timeout=20_000)
    assert count_text(page) == f"{len(expected)} of {TOTAL} documents"
    page.wait_for_function(
        "n => document.querySelectorAll('.nov1962-table table tbody tr').length === n", arg=len(expected))
    assert shown_ids(page) == list(expected["doc_id"])
    shots(page, f"{prefix}-3-dates")

    page.locator(".nov1962-open select").select_option(index=0)
    first = expected.iloc[0]
    link = page.locator(f".nov1962-card a[href='{first['source_url']}']")
    link.wait_for(timeout=20_000)
    assert "noopener" in (link.get_attribute("rel") or "")
    shots(page, f"{prefix}-4-card")


def test_explorer_in_voila(page, shots):
    with server("voila") as (base, token):
        page.goto(f"{base}/?token={token}", timeout=120_000)
        drive_the_explorer(page, shots, "voila")
        assert "In [" not in page.content()  # Voila shows no code


def run_all_cells(page, shots, attempts: int = 3) -> None:
    """Run the notebook through Lab's own menu, retrying if the kernel was not ready to take it."""
    for attempt in range(1, attempts + 1):
        page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
        page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
        try:
            page.wait_for_selector(".nov1962-count", timeout=60_000)
            return
        except Exception:
            shots(page, f"lab-run-all-attempt-{attempt}")
            page.keyboard.press("Escape")
    raise AssertionError("the explorer never appeared after Run All Cells")


def test_explorer_in_jupyterlab(page, shots):
    with server("lab") as (base, token):
        page.goto(f"{base}/lab/tree/notebooks/explorer_app.ipynb?token={token}", timeout=120_000)
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=120_000)
        page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", state="attached",
                               timeout=120_000)
        run_all_cells(page, shots)
        drive_the_explorer(page, shots, "lab")
