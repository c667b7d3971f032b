"""Printable handouts: a filtered set of documents as one self-contained HTML page.

Why: a teacher often wants the same eight documents on every desk, on paper, without a
computer. The page reuses the explorer's document cards, escapes all data text, and is written
to a folder of the user's (never over an existing file).
"""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path

import pandas as pd

from helpers.explorer import DEFAULT_EXPORT_DIR, document_card_html, name_lookups, new_file_path

__all__ = ["handout_html", "write_handout"]

_CSS = """
body { font-family: Georgia, serif; max-width: 46em; margin: 2em auto; line-height: 1.4; color: #111; }
h1 { font-size: 1.5em; } h3 { font-size: 1.15em; }
section { border-top: 2px solid #333; padding-top: 0.5em; margin-top: 1.5em; page-break-inside: avoid; }
a { color: #0b4f8a; } pre { white-space: pre-wrap; }
@media print { a { color: #000; } a::after { content: " (" attr(href) ")"; font-size: 0.8em; } details { display: block; } }
"""


def handout_html(rows: pd.DataFrame, title: str, intro: str = "", names: dict | None = None,
                 weapon_names: dict | None = None) -> str:
    """The handout page as a string: a title, an optional intro, and one card per document."""
    if names is None or weapon_names is None:
        names, weapon_names = name_lookups()
    cards = "".join(f"<section>{document_card_html(row, names, weapon_names)}</section>" for _, row in rows.iterrows())
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title><style>{_CSS}</style></head><body>"
        f"<h1>{html.escape(title)}</h1>"
        + (f"<p>{html.escape(intro)}</p>" if intro else "")
        + f"<p><small>{len(rows)} documents. Summaries are the kit's own words; read each document at its source link. "
        f"Printed {date.today():%d %B %Y}.</small></p>{cards}</body></html>"
    )


def write_handout(rows: pd.DataFrame, title: str, folder: str | Path | None = None, name: str = "handout",
                  intro: str = "") -> Path:
    """Write the handout to ``folder`` (default: the kit's export folder) as a new .html file."""
    target = new_file_path(Path(folder) if folder else DEFAULT_EXPORT_DIR, name, ".html")
    with open(target, "x", encoding="utf-8") as handle:
        handle.write(handout_html(rows, title, intro))
    return target
