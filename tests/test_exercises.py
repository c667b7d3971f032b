"""The self-check bank: well formed, backed by rows of the table, used by the notebooks, and
never giving answers away in a student's notebook."""

import json
import re
from pathlib import Path

import pytest

from helpers.data import DataError, load_documents
from helpers.exercises import Exercise, answer_key_markdown, load_bank

BANK = load_bank()
NOTEBOOKS = sorted((Path(__file__).parent.parent / "notebooks").glob("*.ipynb"))


def notebook_text(path):
    return "\n".join("".join(cell["source"]) for cell in json.loads(path.read_text(encoding="utf-8"))["cells"])


def test_every_exercise_cites_rows_of_the_table():
    ids = set(load_documents()["doc_id"])
    for ident, spec in BANK.items():
        assert spec["sources"] and set(spec["sources"]) <= ids, ident


def test_every_exercise_asked_in_a_notebook_exists_and_every_exercise_is_asked():
    asked = {m for path in NOTEBOOKS for m in re.findall(r'ask\("([^"]+)"\)', notebook_text(path))}
    assert asked <= set(BANK)
    assert set(BANK) == asked


def test_student_notebooks_do_not_print_answers():
    for path in NOTEBOOKS:
        text = notebook_text(path)
        for spec in BANK.values():
            for secret in [spec.get("model_answer", "")] + ([spec["answer"]] if spec["kind"] == "choice" else []):
                if len(secret) > 25:
                    assert secret not in text, (path.name, spec["id"])


@pytest.mark.parametrize("ident", sorted(BANK))
def test_right_and_wrong_answers_are_marked(ident):
    spec = BANK[ident]
    right, wrong = Exercise(spec), Exercise(spec)
    assert right.check() is None and not right.attempted  # nothing given yet: asked to answer first
    if spec["kind"] == "choice":
        right.inputs[0].value = spec["answer"]
        wrong.inputs[0].value = next(o for o in spec["options"] if o != spec["answer"])
    elif spec["kind"] == "ordering":
        for box in right.inputs:
            box.value = str(spec["items"].index(box.description) + 1)
        for box in wrong.inputs:
            box.value = "1"
    elif spec["kind"] == "matching":
        for box in right.inputs:
            box.value = spec["pairs"][box.description]
        for box in wrong.inputs:
            box.value = [o for o in box.options if o not in ("?", spec["pairs"][box.description])][0]
    else:
        right.inputs[0].value = "Too short."
        assert right.check() is None and "model answer" not in right.feedback.value.lower()
        right.inputs[0].value = "The telegram shows that Washington wanted the missiles and bombers out first."
        assert right.check() is None and spec["model_answer"][:40] in right.feedback.value.replace("&#x27;", "'")
        return
    assert right.check() is True and "Right." in right.feedback.value
    assert wrong.check() is False and "Not yet" in wrong.feedback.value
    assert spec["explanation"][:20] not in wrong.feedback.value.replace("&#x27;", "'")


def test_the_answer_key_lists_every_exercise():
    key = answer_key_markdown(BANK)
    for ident in BANK:
        assert f"**{ident}**" in key


def test_a_broken_bank_is_named(tmp_path):
    import shutil

    folder = tmp_path / "data"
    shutil.copytree(Path(__file__).parent / "fixtures" / "minimal", folder)
    (folder / "exercises.json").write_text(json.dumps([{"id": "x", "kind": "choice", "question": "q",
                                                        "options": ["a"], "answer": "b", "explanation": "e",
                                                        "sources": ["d"]}]), encoding="utf-8")
    with pytest.raises(DataError, match="answer.*is not one of the options"):
        load_bank(folder)
