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
