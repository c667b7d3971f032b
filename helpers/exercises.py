"""Self-checks: one small API for choice, ordering, matching and written answers.

Why a bank: the questions and their answers live in data/exercises.json, not in notebook cells,
so a student does not see an answer before trying, and the teacher's answer key is printed from
the same file. Each question names the documents (doc_ids) that support its answer, and the
tests check that those rows exist.

In a notebook::

    from helpers.exercises import ask
    ask("01-who-sent-1223")

Each exercise is a small ipywidgets form with a Check button (or, for written answers, a
"Compare with a model answer" button that works only after the student has written something).
"""

from __future__ import annotations

import html
import json
import random
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import ipywidgets as widgets
from IPython.display import display

from helpers.data import DataError, Problem, find_data_dir

__all__ = ["load_bank", "ask", "Exercise", "answer_key_markdown", "KINDS"]

KINDS = ("choice", "ordering", "matching", "written")

_LABEL = {"description_width": "initial"}


def load_bank(data_dir=None) -> dict:
    """All exercises by id, checked for the fields each kind needs (read once per file version)."""
    path = find_data_dir(data_dir) / "exercises.json"
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        stamp = None
    return dict(_read_bank(path, stamp))


@lru_cache(maxsize=4)
def _read_bank(path: Path, _stamp) -> dict:
    try:
        items = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise DataError([Problem(str(path), None, None, None, f"cannot read the exercise bank ({exc})")]) from None
    bank, problems = {}, []
    needs = {"choice": ("options", "answer"), "ordering": ("items",), "matching": ("pairs",), "written": ("model_answer",)}
    for number, item in enumerate(items, start=1):
        ident = item.get("id", f"#{number}")
        if item.get("kind") not in KINDS:
            problems.append(Problem(str(path), None, ident, "kind", f"must be one of {', '.join(KINDS)}"))
            continue
        for key in ("id", "question", "explanation", "sources", *needs[item["kind"]]):
            if not item.get(key):
                problems.append(Problem(str(path), None, ident, key, "is missing or empty"))
        if item["kind"] == "choice" and item.get("answer") not in item.get("options", []):
            problems.append(Problem(str(path), None, ident, "answer", "is not one of the options"))
        if ident in bank:
            problems.append(Problem(str(path), None, ident, "id", "is used twice"))
        bank[ident] = item
    if problems:
        raise DataError(problems)
    return bank


@dataclass
class Exercise:
    """One self-check: the widget, and ``check()`` for tests and for the Check button."""

    spec: dict
    seed: int = 1962
    widget: widgets.Widget = field(init=False)
    feedback: widgets.HTML = field(init=False)
    attempted: bool = field(init=False, default=False)

    def __post_init__(self):
        self.feedback = widgets.HTML()
        kind = self.spec["kind"]
        rng = random.Random(f"{self.seed}-{self.spec['id']}")
        question = widgets.HTML(f"<p><strong>Check yourself.</strong> {html.escape(self.spec['question'])}</p>")
        if kind == "choice":
            options = list(self.spec["options"])
            self.inputs = [widgets.RadioButtons(options=options, value=None, description="Your answer",
                                                style=_LABEL, layout=widgets.Layout(width="auto"))]
        elif kind == "ordering":
            items = list(self.spec["items"])
            shuffled = items[:]
            rng.shuffle(shuffled)
            positions = [str(i) for i in range(1, len(items) + 1)]
            self.inputs = [widgets.Dropdown(options=["?"] + positions, value="?", description=item,
                                            style=_LABEL, layout=widgets.Layout(width="auto")) for item in shuffled]
        elif kind == "matching":
            lefts = list(self.spec["pairs"])
            rights = sorted(set(self.spec["pairs"].values()))
            rng.shuffle(rights)
            self.inputs = [widgets.Dropdown(options=["?"] + rights, value="?", description=left,
                                            style=_LABEL, layout=widgets.Layout(width="auto")) for left in lefts]
        else:
            starters = self.spec.get("starters", [])
            hint = ("<p><em>Sentence starters:</em> " + " / ".join(html.escape(s) for s in starters) + "</p>") if starters else ""
            self.inputs = [widgets.Textarea(placeholder="Write your answer here", description="Your answer",
                                            style=_LABEL, layout=widgets.Layout(width="95%", height="6em"))]
            question = widgets.HTML(question.value + hint)
        label = "Compare with a model answer" if kind == "written" else "Check"
        self.button = widgets.Button(description=label, tooltip=label)
        self.button.on_click(lambda _b: self.check())
        self.widget = widgets.VBox([question, *self.inputs, self.button, self.feedback])

    def _ipython_display_(self):
        display(self.widget)

    def check(self) -> bool | None:
        """Mark the answer, show feedback, and return True/False (None for a written answer)."""
        kind = self.spec["kind"]
        explanation = html.escape(self.spec["explanation"])
        if kind == "written":
            text = self.inputs[0].value.strip()
            if len(text.split()) < 5:
                self.feedback.value = "<p role='alert'>Write at least a sentence first; then compare.</p>"
                return None
            self.attempted = True
            self.feedback.value = (f"<p><strong>A model answer:</strong> {html.escape(self.spec['model_answer'])}</p>"
                                   f"<p>{explanation}</p>")
            return None
        if kind == "choice":
            given = self.inputs[0].value
            if given is None:
                self.feedback.value = "<p role='alert'>Choose an answer first.</p>"
                return None
            correct = given == self.spec["answer"]
        elif kind == "ordering":
            given = {box.description: box.value for box in self.inputs}
            if "?" in given.values():
                self.feedback.value = "<p role='alert'>Give every item a position first.</p>"
                return None
            correct = all(given[item] == str(i) for i, item in enumerate(self.spec["items"], start=1))
        else:
            given = {box.description: box.value for box in self.inputs}
            if "?" in given.values():
                self.feedback.value = "<p role='alert'>Match every item first.</p>"
                return None
            correct = given == self.spec["pairs"]
        self.attempted = True
        verdict = "Right." if correct else "Not yet: look again at the documents named below, then try again."
        sources = ", ".join(self.spec["sources"])
        self.feedback.value = (f"<p role='status'><strong>{verdict}</strong>"
                               + (f" {explanation}" if correct else "")
                               + f" <small>(Documents: {html.escape(sources)})</small></p>")
        return correct


def ask(exercise_id: str, bank: dict | None = None) -> Exercise:
    """Show exercise ``exercise_id`` from the bank and return it."""
    bank = load_bank() if bank is None else bank
    if exercise_id not in bank:
        raise KeyError(f"no exercise {exercise_id!r}; known: {', '.join(sorted(bank))}")
    exercise = Exercise(bank[exercise_id])
    display(exercise.widget)
    return exercise


def answer_key_markdown(bank: dict | None = None, prefix: str = "") -> str:
    """The answer key for teachers, as Markdown (never shown in the student notebooks)."""
    bank = load_bank() if bank is None else bank
    lines = []
    for ident, spec in bank.items():
        if not ident.startswith(prefix):
            continue
        lines.append(f"**{ident}** ({spec['kind']}). {spec['question']}")
        if spec["kind"] == "choice":
            lines.append(f"- Answer: {spec['answer']}")
        elif spec["kind"] == "ordering":
            lines.append("- Order: " + " → ".join(spec["items"]))
        elif spec["kind"] == "matching":
            lines.extend(f"- {left} → {right}" for left, right in spec["pairs"].items())
        else:
            lines.append(f"- Model answer: {spec['model_answer']}")
        lines.append(f"- Why: {spec['explanation']} (documents: {', '.join(spec['sources'])})")
        lines.append("")
    return "\n".join(lines)
