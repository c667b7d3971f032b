"""The kit's fixed vocabularies, defined once.

Every other module (the loader, the filters, the widgets) checks values against these
mappings, so a new channel or document type is added here and nowhere else.  The weapon
items are the one vocabulary that lives in data/ (data/weapon_items.csv), because the
list tracker needs their names and descriptions as data.

Each mapping is value -> a plain-words description a student can read.
"""

SIDES = {
    "US": "A United States record or act.",
    "USSR": "A Soviet record or act.",
    "Cuba": "A Cuban record or act.",
    "UN": "A record or act of the United Nations Secretariat or Security Council.",
}

#: Actors may also stand outside the four parties (an allied leader who is named in a document).
ACTOR_SIDES = {**SIDES, "other": "Neither a party to the negotiation nor the UN (e.g. the British Prime Minister)."}

CHANNELS = {
    "leaders": "Letters and messages between President Kennedy and Chairman Khrushchev.",
    "new-york": "The US-Soviet talks in New York (Stevenson, McCloy, Yost with Kuznetsov, Zorin, "
    "Mendelevich) and the instructions and reports about them.",
    "washington": "Talks in Washington: Ambassador Dobrynin with Robert Kennedy, Thompson or Rusk; "
    "Mikoyan's visit at the end of November.",
    "havana": "Soviet-Cuban talks and letters: Mikoyan and Alekseev with Castro and Dorticos, "
    "Khrushchev's letters to Castro, Moscow's instructions to its envoys in Havana.",
    "un": "Acting Secretary-General U Thant's exchanges, Cuba's letters to him, the Security Council.",
    "public": "Public acts: addresses, proclamations, broadcasts, press conferences, public statements.",
    "us-internal": "Records made inside the US government: ExComm meetings, memoranda, telephone calls.",
    "soviet-internal": "Records made inside the Soviet government: Presidium decisions, internal "
    "instructions that fit no other channel.",
}

DOC_TYPES = {
    "telegram": "A coded cable between a government and its diplomats.",
    "letter": "A signed letter.",
    "message": "A message between heads of government (FRUS heading 'Message From ...').",
    "memorandum of conversation": "A written record of a meeting, made by one side.",
    "memorandum of telephone conversation": "A written record of a telephone call.",
    "memorandum": "An internal paper from one official to another.",
    "memorandum for the record": "A note written to record a meeting or decision for the file.",
    "record of meeting": "Minutes or a summary record of a meeting.",
    "record of action": "The decisions (not the discussion) of a meeting.",
    "paper": "A policy or planning paper.",
    "proclamation": "A formal public act of the President.",
    "statement": "A public or official statement.",
    "address": "A speech broadcast to the public.",
    "press conference": "A news conference.",
    "editorial note": "A note written by the FRUS editors to fill a gap in the record.",
    "note": "A diplomatic note.",
    "draft": "A draft text that was not (or not yet) sent as written.",
    "report": "A report.",
    "instruction": "Instructions from a government to its representatives.",
    "protocol": "The minutes of decisions of a Soviet leadership body (Presidium protocol).",
}

DATE_PRECISIONS = {
    "minute": "The source gives the time to the minute (a timed telegram); date_min equals date_max.",
    "day": "The source gives the day only; the document spans 00:00:00 to 23:59:59 local time.",
    "month": "The source gives the month only.",
    "inferred": "The date is not written on the document: the editors (or we) inferred it; see notes.",
}

ISSUES = {
    "verification": "How the removal of weapons would be checked.",
    "on-site-inspection": "Inspection on Cuban soil, which Castro refused.",
    "inspection-at-sea": "Inspecting or observing ships at sea (Red Cross, US Navy alongside).",
    "non-invasion": "The US assurance not to invade Cuba.",
    "quarantine": "The US naval quarantine (blockade) of offensive weapons to Cuba.",
    "reconnaissance": "US air reconnaissance (U-2 and low-level flights) over Cuba.",
    "five-points": "Castro's five conditions of 28 October 1962.",
    "un-settlement": "Winding the affair up at the UN: declarations, protocol, joint letter.",
    "turkey": "The US Jupiter missiles in Turkey.",
    "counting-missiles": "Counting the missiles as they left Cuba on Soviet ships.",
    "guantanamo": "The US naval base at Guantanamo Bay.",
}

#: Separator used inside list-valued CSV cells (sender, recipients, weapons, refs, ...).
LIST_SEPARATOR = ";"

# --------------------------------------------------------------------------- the lists

#: What a version of the "offensive weapons" list says about one item (data/list_entries.csv).
LIST_STATUSES = {
    "demanded": "The version asks for the item to leave Cuba (or, for the proclamation, bans its delivery).",
    "narrowed": "Still covered, but in a narrower form than before or than the other side asks (the note says how).",
    "dropped": "Asked for earlier, no longer asked for.",
    "disputed": "The version's side denies that the item is covered by the agreement.",
    "accepted": "The version's side agrees that the item goes.",
    "removed": "The version records the item as gone from Cuba.",
    "not-covered": "The version does not name or cover the item: a silence, not a decision (the note says why it matters).",
}

#: How firmly a list entry rests on its source.
EVIDENCE = {
    "verified": "Read in the source named in the row.",
    "inferred": "Not written in so many words: worked out from a document that refers to it (the note says how).",
    "uncertain": "The sources leave it open; the entry records our best reading and the note says what is missing.",
}

#: Whose list or position a version is (data/list_versions.csv).
LIST_SIDES = {
    "US": "A United States list or instruction.",
    "USSR": "A Soviet position.",
    "both": "A text both governments stood behind (an exchange of letters, a settlement, a joint letter).",
    "research": "What historians later established from the archives; no list of 1962 said it.",
}
