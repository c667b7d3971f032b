"""How fast does the explorer answer? Prints figures; never fails a build.

For (a) the shipped table and (b) a synthetic table of 100,000 rows made by replicating the real
rows and shifting each copy by a few days, it times one filter update end to end on the Python
side (filter, table HTML, timeline counts and SVG, document list) and a bare pandas boolean-mask
filter on the same data, and prints p50, p95 and their ratio.

    python benchmarks/explorer_latency.py
Targets (issue 3): shipped table p95 <= 20 ms; 100,000 rows p95 <= 150 ms.
"""

from __future__ import annotations

import itertools
import statistics
import sys
import time
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from helpers.data import load_documents  # noqa: E402
from helpers.explorer import DocumentExplorer  # noqa: E402

SCENARIOS = [
    {"actor_input": ["kuznetsov"], "dates": (date(1962, 11, 5), date(1962, 11, 8))},
    {"channels": ("leaders",), "dates": (date(1962, 11, 5), date(1963, 1, 7))},
    {"weapons": ("bombers",), "dates": (date(1962, 11, 6), date(1962, 11, 7))},
    {"keyword": "IL-28"},
    {"sides": ("USSR", "Cuba")},
    {},
]


def synthetic(docs: pd.DataFrame, rows: int = 100_000) -> pd.DataFrame:
    copies = -(-rows // len(docs))
    frames = []
    for i in range(copies):
        shift = pd.Timedelta(days=i % 30)
        copy = docs.copy()
        for column in ("date_min", "date_max", "day_min", "day_max"):
            copy[column] = copy[column] + shift
        copy["doc_id"] = copy["doc_id"] + f"-copy{i}"
        copy["refs"] = [[] for _ in range(len(copy))]
        copy["cited_by"] = [[] for _ in range(len(copy))]
        frames.append(copy)
    big = pd.concat(frames, ignore_index=True).head(rows)
    big = big.sort_values(["date_min", "date_max", "doc_id"], kind="stable", ignore_index=True)
    big.attrs = docs.attrs
    return big


def apply(explorer: DocumentExplorer, scenario: dict) -> None:
    """Set a scenario's controls with callbacks held, so the timed update is exactly one."""
    explorer._updating = True
    try:
        explorer.actor_input.value = scenario.get("actor_input", [])
        explorer.channels.value = scenario.get("channels", ())
        explorer.weapons.value = scenario.get("weapons", ())
        explorer.sides.value = scenario.get("sides", ())
        explorer.keyword.value = scenario.get("keyword", "")
        start, end = scenario.get("dates", (explorer.days[0], explorer.days[-1]))
        explorer.date_range.index = (explorer.days.index(start), explorer.days.index(end))
    finally:
        explorer._updating = False


def bare_mask(docs: pd.DataFrame, scenario: dict) -> pd.DataFrame:
    """The same kind of question asked with a plain boolean mask (no checks, no rendering)."""
    start, end = scenario.get("dates", (None, None))
    mask = np.ones(len(docs), dtype=bool)
    if start:
        mask &= (docs["day_max"] >= pd.Timestamp(start)).to_numpy() & (docs["day_min"] <= pd.Timestamp(end)).to_numpy()
    if scenario.get("channels"):
        mask &= docs["channel"].isin(scenario["channels"]).to_numpy()
    if scenario.get("sides"):
        mask &= docs["side"].isin(scenario["sides"]).to_numpy()
    if scenario.get("weapons"):
        wanted = set(scenario["weapons"])
        mask &= docs["weapons"].map(lambda v: not wanted.isdisjoint(v)).to_numpy()
    if scenario.get("actor_input"):
        wanted = set(scenario["actor_input"])
        mask &= (docs["sender"] + docs["recipients"] + docs["mentioned"]).map(lambda v: not wanted.isdisjoint(v)).to_numpy()
    if scenario.get("keyword"):
        mask &= docs["summary"].str.contains(scenario["keyword"], case=False, regex=False).to_numpy()
    return docs[mask]


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered) * 1000, ordered[int(0.95 * (len(ordered) - 1))] * 1000


def measure(name: str, docs: pd.DataFrame, repeats: int) -> None:
    started = time.perf_counter()
    explorer = DocumentExplorer(docs, export_dir=Path.home() / "nov1962-bench-unused")
    built = time.perf_counter() - started
    update, bare = [], []
    for scenario in itertools.islice(itertools.cycle(SCENARIOS), repeats):
        apply(explorer, scenario)
        t0 = time.perf_counter()
        explorer.update()
        update.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        bare_mask(docs, scenario)
        bare.append(time.perf_counter() - t0)
    u50, u95 = percentiles(update)
    b50, b95 = percentiles(bare)
    print(f"{name}: {len(docs):,} rows, explorer built in {built:.2f} s, {repeats} updates")
    print(f"  explorer update   p50 {u50:7.1f} ms   p95 {u95:7.1f} ms")
    print(f"  bare pandas mask  p50 {b50:7.1f} ms   p95 {b95:7.1f} ms")
    print(f"  ratio (update / bare)  p50 {u50 / b50:5.1f}x   p95 {u95 / b95:5.1f}x")


if __name__ == "__main__":
    real = load_documents()
    measure("(a) shipped table", real, repeats=300)
    measure("(b) synthetic table", synthetic(real), repeats=60)
