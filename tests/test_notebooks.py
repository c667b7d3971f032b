"""The notebooks as files: committed clean, one question each, ordered headings, a text
alternative after every figure, and the editor's note at the end."""

import json
import re
from pathlib import Path

import pytest

NOTEBOOK_DIR = Path(__file__).parent.parent / "notebooks"
LESSONS = sorted(NOTEBOOK_DIR.glob("0*.ipynb"))
ALL = sorted(NOTEBOOK_DIR.rglob("*.ipynb"))


def cells(path):
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def source(cell):
    return "".join(cell["source"])


def test_there_are_seven_lessons():
    assert [p.name[:2] for p in LESSONS] == ["00", "01", "02", "03", "04", "05", "06"]


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_committed_clean(path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    assert "widgets" not in notebook.get("metadata", {})
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            assert cell.get("outputs") == [] and cell.get("execution_count") is None


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_each_lesson_opens_with_its_question_and_ends_with_the_editors_note(path):
    first = source(cells(path)[0])
    assert first.startswith("# ")
    for words in ("**Central question:**", "**Time**", "**Assumes**", "**Skills**"):
        assert words in first
    assert "Editor's note" in source(cells(path)[-1]) or "Editor's note" in source(cells(path)[-2])


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_headings_are_ordered(path):
    levels = [len(m) for c in cells(path) if c["cell_type"] == "markdown"
              for m in re.findall(r"^(#+) ", source(c), flags=re.M)]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:]))


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_every_figure_is_followed_by_a_text_alternative(path):
    code = [source(c) for c in cells(path) if c["cell_type"] == "code"]
    for i, text in enumerate(code):
        if re.search(r"^figure$", text, flags=re.M):
            assert "text_alternative" in code[i + 1] or "describe" in code[i + 1], (path.name, text)


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_cells_stay_short(path):
    for cell in cells(path):
        if cell["cell_type"] == "code":
            assert source(cell).count("\n") < 15, source(cell)
