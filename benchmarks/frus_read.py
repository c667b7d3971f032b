"""How long helpers.frus.read_volume takes, and how much memory it needs, on a ~5 MB volume.

The volume is synthetic: the documents of the test fixture (tests/fixtures/frus/frus1961-63v98.xml)
copied with new numbers until the file is about 5 MB (the real vol. VI is 1.5 MB, vol. XI a few
MB).  Target: under 2 seconds and under 200 MB peak.  Prints figures; never fails a build.

    python benchmarks/frus_read.py [--mb 5]
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from helpers.data import load_actors  # noqa: E402
from helpers.frus import read_volume  # noqa: E402

FIXTURE = REPO / "tests" / "fixtures" / "frus" / "frus1961-63v98.xml"


def synthetic_volume(path: Path, megabytes: float) -> int:
    """Write a volume of about ``megabytes`` MB made of renumbered fixture documents; return its count."""
    text = FIXTURE.read_text(encoding="utf-8")
    documents = re.findall(r'<div type="document".*?</div>', text, flags=re.S)
    head_end = text.index("<head>Fixture Exchanges</head>") + len("<head>Fixture Exchanges</head>")
    prefix, suffix = text[:head_end], "\n</div></body></text></TEI>\n"
    per_copy = len(documents)
    target = int(megabytes * 1_000_000)
    pages = iter(range(10_000_000))
    written = len(prefix.encode()) + len(suffix.encode())
    count = 0
    with path.open("w", encoding="utf-8") as out:
        out.write(prefix)
        copy = 0
        while written < target:
            for document in documents:
                def renumber(match: re.Match) -> str:
                    return f"{match.group(1)}{copy * per_copy + int(match.group(2))}"

                block = re.sub(r'(xml:id="d|target="#d| n="|<head>)(\d+)', renumber, document)
                block = re.sub(r'xml:id="pg_\d+"', lambda m: f'xml:id="pg_{next(pages)}"', block)
                out.write("\n" + block)
                written += len(block.encode()) + 1
                count += 1
            copy += 1
        out.write(suffix)
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5.0, help="size of the synthetic volume (default 5)")
    args = parser.parse_args()
    actors = load_actors()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "frus1961-63v98.xml"
        documents = synthetic_volume(path, args.mb)
        size = path.stat().st_size / 1e6
        times = []
        for _ in range(3):
            start = time.perf_counter()
            table = read_volume(path, actors=actors)
            times.append(time.perf_counter() - start)
        assert len(table) == documents, (len(table), documents)
        tracemalloc.start()
        read_volume(path, actors=actors)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    best = min(times)
    print(f"read_volume on a synthetic {size:.1f} MB volume ({documents} documents):")
    print(f"  time   best of 3 {best:.2f} s, slowest {max(times):.2f} s   (target < 2 s: {'ok' if best < 2 else 'OVER'})")
    print(f"  memory peak {peak / 1e6:.0f} MB (tracemalloc, Python objects)   (target < 200 MB: {'ok' if peak < 200e6 else 'OVER'})")
    try:
        import resource

        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        rss_mb = rss / 1e6 if sys.platform == "darwin" else rss / 1e3  # bytes on macOS, KiB elsewhere
        print(f"  whole process peak RSS {rss_mb:.0f} MB (Python, pandas and the kit's data included)")
    except ImportError:  # Windows
        pass


if __name__ == "__main__":
    main()
