"""Pictures: functions that take frames and return matplotlib Figures.

One colour-blind-safe palette (Okabe and Ito's eight colours), defined here once. Colour only
repeats what a label, a marker or a hatch already says, so every figure also reads in greyscale;
every figure has a title and axis labels a student can read aloud, and a ``describe_*`` function
gives the sentence a notebook prints after it as a text alternative.
"""

from __future__ import annotations

from helpers import vocab

#: Okabe & Ito (2008), "Color Universal Design": distinguishable with the common colour-vision deficiencies.
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "bluish green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish purple": "#CC79A7",
}

#: Hatches to pair with colours so that categories differ without colour.
HATCHES = ["", "//", "..", "xx", "\\\\", "++", "oo", "--"]

#: One colour and one hatch per channel, in the vocabulary's order.
CHANNEL_STYLE = {
    channel: {"color": colour, "hatch": hatch}
    for channel, colour, hatch in zip(
        vocab.CHANNELS,
        ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000", "#F0E442"],
        HATCHES,
    )
}

#: Marker shapes per side, for scatter-like plots.
SIDE_MARKERS = {"US": "o", "USSR": "s", "Cuba": "^", "UN": "D"}

#: One colour, one hatch and one short label per list status (helpers.vocab.LIST_STATUSES). The label is
#: written in every cell, so the chart reads without colour; the hatch tells statuses apart in greyscale.
STATUS_STYLE = {
    "demanded": {"color": OKABE_ITO["vermillion"], "hatch": "", "label": "demanded"},
    "narrowed": {"color": OKABE_ITO["orange"], "hatch": "//", "label": "narrowed"},
    "dropped": {"color": OKABE_ITO["sky blue"], "hatch": "..", "label": "dropped"},
    "disputed": {"color": OKABE_ITO["reddish purple"], "hatch": "xx", "label": "disputed"},
    "accepted": {"color": OKABE_ITO["bluish green"], "hatch": "\\\\", "label": "accepted"},
    "removed": {"color": OKABE_ITO["blue"], "hatch": "++", "label": "removed"},
    "not-covered": {"color": OKABE_ITO["yellow"], "hatch": "--", "label": "not covered"},
}
assert set(STATUS_STYLE) == set(vocab.LIST_STATUSES), "every list status needs a style"

#: Marks appended to a cell's label for entries that are not read in so many words in the source.
EVIDENCE_MARKS = {"verified": "", "inferred": "*", "uncertain": "?"}


def status_matrix_figure(statuses, evidence, row_labels, column_labels, title, xlabel, ylabel, ax=None):
    """Draw a rows x columns frame of status names as labelled, hatched cells; return the Figure.

    ``statuses`` and ``evidence`` are DataFrames of the same shape (None = no entry, drawn blank).
    Each cell's text sits on a white box so it stays legible over any colour or hatch.
    """
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch, Rectangle

    n_rows, n_cols = statuses.shape
    if ax is None:
        fig, ax = plt.subplots(figsize=(1.05 * n_cols + 3.5, 0.42 * n_rows + 2.6))
    else:
        fig = ax.figure
    for r in range(n_rows):
        for c in range(n_cols):
            status = statuses.iat[r, c]
            if not isinstance(status, str):  # no entry: None (or NaN from a hand-made frame)
                ax.add_patch(Rectangle((c, r), 1, 1, facecolor="white", edgecolor="0.85", linewidth=0.5))
                continue
            style = STATUS_STYLE[status]
            ax.add_patch(Rectangle((c, r), 1, 1, facecolor=style["color"], edgecolor="0.3",
                                   hatch=style["hatch"], linewidth=0.5))
            grade = evidence.iat[r, c]
            mark = EVIDENCE_MARKS.get(grade, "") if isinstance(grade, str) else ""
            ax.text(c + 0.5, r + 0.5, style["label"] + mark, ha="center", va="center", fontsize=6.5,
                    bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.85, "pad": 0.8})
    ax.set_xlim(0, n_cols)
    ax.set_ylim(n_rows, 0)
    ax.set_xticks([c + 0.5 for c in range(n_cols)], labels=column_labels, rotation=40, ha="right", fontsize=8)
    ax.set_yticks([r + 0.5 for r in range(n_rows)], labels=row_labels, fontsize=8)
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.tick_params(length=0)
    handles = [Patch(facecolor=s["color"], hatch=s["hatch"], edgecolor="0.3", label=s["label"])
               for s in STATUS_STYLE.values()]
    handles.append(Patch(facecolor="white", edgecolor="0.85", label="not mentioned"))
    ax.legend(handles=handles, title="Status (* inferred, ? uncertain)", loc="upper left",
              bbox_to_anchor=(1.01, 1.0), fontsize=7, title_fontsize=7, frameon=False)
    fig.tight_layout()
    return fig
