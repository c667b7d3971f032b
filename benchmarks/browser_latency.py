"""Time from a widget change in the page to the updated table in the page (Voila + Chromium).

Prints p50 and p95 over repeated changes of the Channel selector; never fails a build.
Target (issue 7): p95 under 300 ms.

    python benchmarks/browser_latency.py [repeats]
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from helpers.data import load_documents  # noqa: E402
from helpers.filters import filter_documents  # noqa: E402
from tests.browser.servers import browser, chromium_path, server  # noqa: E402


def main(repeats: int = 40) -> None:
    if chromium_path() is None:
        print("no Chromium found: install Debian's chromium (or set NOV1962_CHROMIUM) to run this benchmark")
        return
    docs = load_documents()
    total = len(docs)
    states = [(("new-york",), len(filter_documents(docs, channels="new-york"))),
              (("leaders", "havana"), len(filter_documents(docs, channels=["leaders", "havana"])))]
    with server("voila") as (base, token), browser() as chromium:
        page = chromium.new_page(viewport={"width": 1280, "height": 1400})
        started = time.perf_counter()
        page.goto(f"{base}/?token={token}", timeout=120_000)
        page.wait_for_selector(f".nov1962-count >> text={total} of {total} documents", timeout=120_000)
        print(f"Voila page ready in {time.perf_counter() - started:.1f} s")
        select = page.locator(".nov1962-channels select")
        samples = []
        for i in range(repeats):
            values, expected = states[i % 2]
            t0 = time.perf_counter()
            select.select_option(list(values))
            page.wait_for_function(
                "([text, n]) => document.querySelector('.nov1962-count').innerText.includes(text)"
                " && document.querySelectorAll('.nov1962-table table tbody tr').length === n",
                arg=[f"{expected} of {total} documents", min(expected, 200)], polling="raf")
            samples.append(time.perf_counter() - t0)
        ordered = sorted(samples)
        p50 = statistics.median(ordered) * 1000
        p95 = ordered[int(0.95 * (len(ordered) - 1))] * 1000
        print(f"widget change -> updated count and table in the page, {repeats} changes:")
        print(f"  p50 {p50:.0f} ms   p95 {p95:.0f} ms   (target p95 < 300 ms)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 40)
