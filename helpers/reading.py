"""Close reading: split a full text into numbered paragraphs, find the glossary terms it uses,
and resolve its cross-references to rows of the document table.

Why here and not in a notebook: notebook 05 and the explorer's card both need the same steps,
and a student's notebook should hold questions, not pages of code.
"""

from __future__ import annotations

import html
import re

import pandas as pd

__all__ = ["paragraphs", "terms_in", "references", "paragraphs_html"]


def paragraphs(text: str) -> list[str]:
    """The text's paragraphs (blank-line separated), stripped, without empty ones."""
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


def terms_in(text: str, glossary: pd.DataFrame) -> pd.DataFrame:
    """Glossary rows whose term (or the term without a trailing plural/apostrophe) occurs in ``text``."""
    found = []
    for term in glossary["term"]:
        bare = re.sub(r"\s*\(.*\)$", "", term).strip('"')
        pattern = r"(?<![A-Za-z])" + re.escape(bare) + r"(?:'?s)?(?![A-Za-z])"
        if re.search(pattern, text, flags=re.IGNORECASE if bare.islower() else 0):
            found.append(term)
    return glossary[glossary["term"].isin(found)].reset_index(drop=True)


def references(doc_id: str, docs: pd.DataFrame) -> pd.DataFrame:
    """The rows that ``doc_id`` cites, in the order it cites them (title, date, source)."""
    row = docs.set_index("doc_id").loc[doc_id]
    cited = docs.set_index("doc_id").loc[list(row["refs"])].reset_index()
    return cited[["doc_id", "date_label", "title", "sender", "recipients", "source_url"]]


def paragraphs_html(text: str) -> str:
    """Numbered paragraphs as escaped HTML, for reading and for citing "paragraph 4"."""
    items = "".join(f"<li style='margin-bottom:0.5em'>{html.escape(p)}</li>" for p in paragraphs(text))
    return f"<ol>{items}</ol>"
