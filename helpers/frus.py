"""Official full texts: fetch the FRUS TEI volumes and read them into the kit's document table.

The Office of the Historian publishes every volume of *Foreign Relations of the United States* as
a public-domain TEI XML file (GitHub repository HistoryAtState/frus, ``volumes/<id>.xml``).  This
module lets a teacher or learner with a network connection fetch a volume once into a user cache
(outside the repository) and turn any volume into a DataFrame with the columns of
:func:`helpers.data.load_documents`, so the explorer can show full texts.

Public face:

- ``fetch_volume(volume_id)``   download a volume into the cache (a progress bar; a broken download
  never replaces a good copy) and return its path
- ``read_volume(path)``         one row per ``<div type="document">``, in the documents schema
- ``attach_texts(docs, volumes)`` fill ``full_text``/``has_full_text`` of the kit's own rows
- ``cached_path(volume_id)``, ``cache_folder()``; ``FrusError``, ``FrusDownloadError``
- command line: ``python -m helpers.frus fetch frus1961-63v11 frus1961-63v06``

Untrusted XML is parsed safely: no DTD, no entity expansion, no external entities (defusedxml),
nothing is executed, and a file that is not TEI, is truncated or is too large is refused with a
message that says so.  How the volumes encode a document: ../shared/reference/frus_tei_structure.md.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import time
import unicodedata
import urllib.error
import urllib.request
from datetime import datetime, timedelta
from http.client import HTTPException
from pathlib import Path
from typing import Iterator

import pandas as pd
from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml import ElementTree as SafeET
from xml.etree.ElementTree import ParseError

from helpers import vocab

__all__ = [
    "FrusError",
    "FrusDownloadError",
    "fetch_volume",
    "read_volume",
    "attach_texts",
    "cached_path",
    "cache_folder",
    "guess_doc_type",
    "main",
]

#: Where volumes are downloaded from: ``<base>/<volume_id>.xml``, or a URL with ``{volume_id}``.
DEFAULT_BASE_URL = "https://raw.githubusercontent.com/HistoryAtState/frus/master/volumes/"
BASE_URL_ENV = "NOV1962_FRUS_BASE_URL"
#: Overrides the cache folder (default: the platform's user cache, e.g. ~/.cache/nov1962-kit/frus).
CACHE_ENV = "NOV1962_FRUS_CACHE"
#: Largest file read or downloaded, in bytes (the biggest FRUS volumes are a few tens of MB).
MAX_BYTES_ENV = "NOV1962_FRUS_MAX_BYTES"
DEFAULT_MAX_BYTES = 100_000_000

REPOSITORY_PAGE = "https://github.com/HistoryAtState/frus/tree/master/volumes"

TEI_NS = "http://www.tei-c.org/ns/1.0"
FRUS_NS = "http://history.state.gov/frus/ns/1.0"
_T = "{%s}" % TEI_NS
_XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
_DT_MIN = "{%s}doc-dateTime-min" % FRUS_NS
_DT_MAX = "{%s}doc-dateTime-max" % FRUS_NS

_VOLUME_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
_CHUNK = 64 * 1024


# --------------------------------------------------------------------------- errors


class FrusError(Exception):
    """A FRUS volume could not be read: missing, not TEI, truncated, too large or unsafe XML."""


class FrusDownloadError(FrusError):
    """A FRUS volume could not be downloaded; the message says what failed and how to place the
    file by hand."""


# --------------------------------------------------------------------------- cache and fetching


def cache_folder(path: str | os.PathLike | None = None) -> Path:
    """The folder the volumes are cached in (created if missing).

    Order: ``path``; the ``NOV1962_FRUS_CACHE`` environment variable; the platform's user cache
    folder (``%LOCALAPPDATA%\\nov1962-kit\\Cache\\frus`` on Windows,
    ``~/Library/Caches/nov1962-kit/frus`` on macOS, ``$XDG_CACHE_HOME/nov1962-kit/frus`` or
    ``~/.cache/nov1962-kit/frus`` elsewhere).  Never inside the repository.
    """
    if path is not None:
        folder = Path(path)
    elif os.environ.get(CACHE_ENV):
        folder = Path(os.environ[CACHE_ENV])
    elif sys.platform.startswith("win"):
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        folder = Path(base) / "nov1962-kit" / "Cache" / "frus"
    elif sys.platform == "darwin":
        folder = Path.home() / "Library" / "Caches" / "nov1962-kit" / "frus"
    else:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        folder = Path(base) / "nov1962-kit" / "frus"
    folder = folder.expanduser()
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _check_volume_id(volume_id: str) -> str:
    if not isinstance(volume_id, str) or not _VOLUME_ID_RE.match(volume_id):
        raise FrusError(
            f"{volume_id!r} is not a FRUS volume id: use letters, digits, '-' and '_' only, "
            "e.g. 'frus1961-63v11' (vol. XI) or 'frus1961-63v06' (vol. VI)"
        )
    return volume_id


def cached_path(volume_id: str, cache_dir: str | os.PathLike | None = None) -> Path:
    """Where ``volume_id`` is (or would be) cached: ``<cache>/<volume_id>.xml``."""
    return cache_folder(cache_dir) / f"{_check_volume_id(volume_id)}.xml"


def volume_url(volume_id: str, base_url: str | None = None) -> str:
    """The download address of a volume (``base_url``, else ``NOV1962_FRUS_BASE_URL``, else GitHub)."""
    base = base_url or os.environ.get(BASE_URL_ENV) or DEFAULT_BASE_URL
    volume_id = _check_volume_id(volume_id)
    if "{volume_id}" in base:
        return base.replace("{volume_id}", volume_id)
    return base.rstrip("/") + f"/{volume_id}.xml"


def _max_bytes(max_bytes: int | None) -> int:
    if max_bytes is not None:
        return int(max_bytes)
    env = os.environ.get(MAX_BYTES_ENV)
    if env:
        try:
            return int(env)
        except ValueError:
            raise FrusError(f"{MAX_BYTES_ENV}={env!r} is not a whole number of bytes") from None
    return DEFAULT_MAX_BYTES


class _Progress:
    """A download progress bar: an ipywidgets bar in a notebook, a one-line text bar elsewhere."""

    def __init__(self, label: str, enabled: bool, stream=None):
        self.label = label
        self.enabled = enabled
        self.stream = stream if stream is not None else sys.stderr
        self.widget = None
        self.last = 0.0
        if enabled and _in_notebook():
            try:
                import ipywidgets
                from IPython.display import display

                self.widget = ipywidgets.FloatProgress(value=0.0, min=0.0, max=1.0, description=label)
                display(self.widget)
            except Exception:  # no widgets: fall back to text
                self.widget = None

    def update(self, done: int, total: int | None, final: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not final and now - self.last < 0.1:
            return
        self.last = now
        if self.widget is not None:
            self.widget.value = done / total if total else (1.0 if final else 0.5)
            self.widget.description = f"{self.label} {done / 1e6:.1f} MB"
            return
        if total:
            share = min(done / total, 1.0)
            bar = "#" * int(share * 30)
            line = f"{self.label} [{bar:<30}] {share:4.0%} {done / 1e6:.1f} of {total / 1e6:.1f} MB"
        else:
            line = f"{self.label} {done / 1e6:.1f} MB"
        self.stream.write("\r" + line)
        if final:
            self.stream.write("\n")
        self.stream.flush()


def _in_notebook() -> bool:
    shell = sys.modules.get("IPython")
    if shell is None or "ipykernel" not in sys.modules:
        return False
    try:
        ip = shell.get_ipython()
    except AttributeError:
        return False
    return ip is not None and "IPKernelApp" in getattr(ip, "config", {})


def fetch_volume(
    volume_id: str,
    cache_dir: str | os.PathLike | None = None,
    base_url: str | None = None,
    progress: bool = True,
    *,
    force: bool = False,
    timeout: float = 60.0,
    max_bytes: int | None = None,
) -> Path:
    """Download a FRUS volume's TEI file into the cache and return its path.

    A volume already in the cache is not downloaded again (``force=True`` does).  The file is
    written to a temporary file in the cache folder and moved into place only once it is complete
    and parses as a FRUS TEI volume, so an interrupted or broken download never replaces a good
    copy.  Any failure raises :class:`FrusDownloadError` saying what failed and how to place the
    file by hand.
    """
    volume_id = _check_volume_id(volume_id)
    folder = cache_folder(cache_dir)
    target = folder / f"{volume_id}.xml"
    if target.is_file() and not force:
        return target
    url = volume_url(volume_id, base_url)
    limit = _max_bytes(max_bytes)
    bar = _Progress(volume_id, progress)
    handle, temp_name = tempfile.mkstemp(prefix=f".{volume_id}.", suffix=".part", dir=folder)
    temp = Path(temp_name)
    try:
        try:
            request = urllib.request.Request(url, headers={"User-Agent": "nov1962-kit (helpers.frus)"})
            with os.fdopen(handle, "wb") as out, urllib.request.urlopen(request, timeout=timeout) as response:
                length = response.headers.get("Content-Length")
                total = int(length) if length and length.isdigit() else None
                if total is not None and total > limit:
                    raise _Failure(f"the server announces {total / 1e6:.1f} MB, over the limit of "
                                   f"{limit / 1e6:.1f} MB (raise it with max_bytes= or {MAX_BYTES_ENV})")
                done = 0
                while True:
                    chunk = response.read(_CHUNK)
                    if not chunk:
                        break
                    done += len(chunk)
                    if done > limit:
                        raise _Failure(f"the file grew past the limit of {limit / 1e6:.1f} MB "
                                       f"(raise it with max_bytes= or {MAX_BYTES_ENV})")
                    out.write(chunk)
                    bar.update(done, total)
                if total is not None and done != total:
                    raise _Failure(f"the download stopped early: {done:,} of {total:,} bytes arrived")
                if done == 0:
                    raise _Failure("the server sent an empty file")
                bar.update(done, total, final=True)
        except _Failure:
            raise
        except urllib.error.HTTPError as exc:
            raise _Failure(f"the server answered HTTP {exc.code} {exc.reason}") from None
        except urllib.error.URLError as exc:
            raise _Failure(f"could not connect ({exc.reason}); is the computer offline?") from None
        except (TimeoutError, OSError, HTTPException) as exc:
            raise _Failure(f"the connection failed during the download ({type(exc).__name__}: {exc})") from None
        try:
            _check_volume_file(temp, volume_id, limit, label="it")
        except FrusError as exc:
            raise _Failure(f"the file that arrived is not a usable FRUS volume: {exc}") from None
        os.replace(temp, target)
    except _Failure as failure:
        kept = (f"The copy already in the cache ({target}) was left as it was."
                if target.is_file() else "Nothing was written to the cache.")
        raise FrusDownloadError(
            f"Could not fetch FRUS volume {volume_id} from {url}: {failure}.\n{kept}\n"
            f"To place the file by hand: open {url} (or find {volume_id}.xml at {REPOSITORY_PAGE}) "
            f"in a browser on a computer with a network connection, save it, and copy it to\n"
            f"    {target}\n"
            f"(or pass the saved file to helpers.frus.read_volume)."
        ) from None
    finally:
        if temp.exists():
            try:
                temp.unlink()
            except OSError:
                pass
    return target


class _Failure(Exception):
    """Internal: one reason a download failed (wrapped into FrusDownloadError)."""


# --------------------------------------------------------------------------- safe parsing


def _events(
    path: str | os.PathLike, max_bytes: int | None = None, label: str | None = None
) -> Iterator[tuple[str, object]]:
    """(event, element) pairs of a TEI file, parsed safely; refuses what is not a whole TEI file.

    ``label`` names the file in messages (default: its path).
    """
    path = Path(path)
    name = label or str(path)
    if not path.is_file():
        raise FrusError(f"{path}: no such file (fetch it first: python -m helpers.frus fetch <volume id>)")
    size = path.stat().st_size
    limit = _max_bytes(max_bytes)
    if size > limit:
        raise FrusError(
            f"{name} is {size / 1e6:.1f} MB, over the limit of {limit / 1e6:.1f} MB; "
            f"if it really is a FRUS volume, raise the limit with max_bytes= or {MAX_BYTES_ENV}"
        )
    if size == 0:
        raise FrusError(f"{name} is empty (an interrupted download?)")
    try:
        with path.open("rb") as handle:
            first = True
            for event, element in SafeET.iterparse(handle, events=("start", "end"), forbid_dtd=True):
                if first:
                    first = False
                    if element.tag != _T + "TEI":
                        raise FrusError(
                            f"{name} is not a TEI file: its root element is <{_local(element.tag)}>"
                            f"{' in namespace ' + _namespace(element.tag) if _namespace(element.tag) else ''}"
                            f", not <TEI> in {TEI_NS}"
                        )
                yield event, element
    except DTDForbidden:
        raise FrusError(
            f"{name} declares a DTD (<!DOCTYPE ...>); it is refused because a DTD can define entities "
            "that expand without limit or fetch outside files, and FRUS TEI volumes have none"
        ) from None
    except EntitiesForbidden:
        raise FrusError(f"{name} declares XML entities; they are refused (entity expansion attacks)") from None
    except ExternalReferenceForbidden:
        raise FrusError(f"{name} refers to an external entity or file; it is refused") from None
    except ParseError as exc:
        raise FrusError(
            f"{name} is not well-formed XML or is truncated ({exc}); a complete FRUS volume ends with "
            "</TEI>" + ("" if label else ". Download it again (fetch_volume(..., force=True))")
        ) from None


def _check_volume_file(path: Path, volume_id: str | None, max_bytes: int | None, label: str | None = None) -> None:
    """Parse a whole file safely and check it is the FRUS volume ``volume_id`` with documents."""
    found_id = None
    documents = 0
    for event, element in _events(path, max_bytes, label):
        if event == "start":
            if element.tag == _T + "TEI":
                found_id = element.get(_XML_ID)
            continue
        if element.tag == _T + "div" and element.get("type") == "document":
            documents += 1
            element.clear()
    if volume_id and found_id and found_id != volume_id:
        raise FrusError(f"it is volume {found_id!r}, not {volume_id!r}")
    if not documents:
        raise FrusError(f"{label or path} is TEI but holds no FRUS documents (no <div type=\"document\">)")


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _namespace(tag) -> str:
    return tag[1:].split("}", 1)[0] if isinstance(tag, str) and tag.startswith("{") else ""


# --------------------------------------------------------------------------- text extraction

#: Elements whose content is not part of the document's running text.
_SKIP = {"note", "fw", "figDesc"}
#: Elements that start a new paragraph of the plain text.
_BLOCKS = {
    "p", "dateline", "closer", "opener", "salute", "signed", "item", "list", "quote", "head",
    "postscript", "table", "row", "ab", "lg", "l", "byline", "trailer", "docAuthor", "listBibl",
    "bibl", "figure", "epigraph", "argument",
}
_PB = "\x00"  # a page break, resolved once the text around it is known
_WS = re.compile(r"\s+")
_PB_RE = re.compile(r"(\s*)\x00(\s*)")


class _Text:
    """Collects plain text from a TEI subtree, as blocks (paragraphs) or as one line."""

    def __init__(self, blocks: bool):
        self.use_blocks = blocks
        self.blocks: list[str] = []
        self.buffer: list[str] = []
        self.keep_label = False

    def flush(self) -> None:
        text = _clean("".join(self.buffer))
        self.buffer = []
        if text:
            self.blocks.append(text)

    def start_block(self) -> None:
        if not self.use_blocks:
            self.buffer.append(" ")
        elif self.keep_label:  # "1." then its item: one paragraph
            self.keep_label = False
        else:
            self.flush()

    def end_block(self) -> None:
        if self.use_blocks:
            self.flush()
        else:
            self.buffer.append(" ")

    def walk(self, element) -> None:
        tag = _local(element.tag)
        if tag in _SKIP:
            return
        if tag == "pb":
            self.buffer.append(_PB)
            return
        if tag == "lb":
            self.buffer.append(" ")
            return
        block = tag in _BLOCKS
        if block:
            self.start_block()
        if element.text:
            self.buffer.append(element.text)
        for child in element:
            self.walk(child)
            if child.tail:
                self.buffer.append(child.tail)
        if tag == "label":
            self.buffer.append(" ")
            self.keep_label = self.use_blocks
        elif tag == "cell":
            self.buffer.append(" ")
        if block:
            self.end_block()

    def text(self) -> str:
        if self.use_blocks:
            self.flush()
            return "\n\n".join(self.blocks)
        return _clean("".join(self.buffer))


def _page_join(match: re.Match) -> str:
    """A page break inside running text: a space where the print had one, else nothing."""
    if match.group(1) or match.group(2):
        return " "
    before = match.string[match.start() - 1] if match.start() else ""
    return " " if before in ".,;:!?)]”" else ""


def _clean(text: str) -> str:
    if _PB in text:
        text = _PB_RE.sub(_page_join, text)
    return _WS.sub(" ", text).strip()


def _inline(element) -> str:
    """The element's text on one line, without notes and page breaks."""
    if element is None:
        return ""
    collector = _Text(blocks=False)
    if element.text:  # the element's content: it may itself be a note (the source note)
        collector.buffer.append(element.text)
    for child in element:
        collector.walk(child)
        if child.tail:
            collector.buffer.append(child.tail)
    return collector.text()


def _iter_outside_notes(element, tags: set[str]):
    """Descendants with one of ``tags``, in document order, not looking inside notes."""
    for child in element:
        tag = _local(child.tag)
        if tag == "note":
            continue
        if tag in tags:
            yield child
        yield from _iter_outside_notes(child, tags)


# --------------------------------------------------------------------------- fields

_NUMBER_RE = re.compile(r"^\s*\[?\d+[A-Za-z]?\]?\.\s*")

_DOC_TYPE_RULES = [
    (r"\beditorial note\b", "editorial note"),
    (r"^(memorandum|record|transcript|notes?) of (a )?telephone conversation|^telephone conversation",
     "memorandum of telephone conversation"),
    (r"^memorandum of (a )?conversation", "memorandum of conversation"),
    (r"^memorandum for the (record|files?)\b", "memorandum for the record"),
    (r"^(summary )?record of (the )?actions?\b", "record of action"),
    (r"^(summary |draft )?(record|minutes|notes) of (a |the )?[\w\s,.'’-]*\b(meeting|discussion|session)s?\b"
     r"|^summary record\b|^minutes\b", "record of meeting"),
    (r"^(circular |back[- ]?channel )?(telegram|airgram|cable)\b", "telegram"),
    (r"^oral (message|statement)\b", "message"),
    (r"^(letter)\b", "letter"),
    (r"^(message)\b", "message"),
    (r"^(intelligence |information |action )?memorandum\b", "memorandum"),
    (r"^draft\b", "draft"),
    (r"^proclamation\b", "proclamation"),
    (r"\b(news|press) conference\b", "press conference"),
    (r"^(radio(-| and )television |television |radio )?(address|report to the (nation|american people))\b",
     "address"),
    (r"^(joint |public |oral )?statement\b", "statement"),
    (r"^(note|aide-m[ée]moire)\b", "note"),
    (r"^instructions?\b", "instruction"),
    (r"^protocol\b", "protocol"),
    (r"^((special )?national intelligence estimate|intelligence (report|estimate)|report)\b", "report"),
    (r"\bpaper\b", "paper"),
    (r"\btelegram\b", "telegram"),
    (r"\bletter\b", "letter"),
    (r"\bmemorandum\b", "memorandum"),
]
_DOC_TYPE_RES = [(re.compile(pattern), doc_type) for pattern, doc_type in _DOC_TYPE_RULES]


def guess_doc_type(title: str | None, subtype: str | None = None) -> str | None:
    """The kit's document type (``helpers.vocab.DOC_TYPES``) guessed from a FRUS heading.

    ``"Telegram From the Embassy ..."`` gives ``telegram``; a ``subtype="editorial-note"`` gives
    ``editorial note`` whatever the heading.  None when the heading matches no rule (the reader
    then says so in ``notes``) rather than a guess that would look certain.
    """
    if subtype == "editorial-note":
        return "editorial note"
    text = _WS.sub(" ", (title or "").lower()).strip()
    for pattern, doc_type in _DOC_TYPE_RES:
        if pattern.search(text):
            return doc_type
    return None


#: Classification and handling words of the source notes, longest first.
_MARKINGS = [
    "No classification marking", "Personal and Confidential", "Limited Official Use", "Official Use Only",
    "Presidential Handling", "Operational Immediate", "Limit Distribution", "Limited Distribution",
    "Verbatim Text", "Roger Channel", "Top Secret", "Eyes Only", "Confidential", "Unclassified",
    "Secret", "Niact", "Priority", "Immediate", "Flash", "Emergency", "Elite", "Exdis", "Nodis",
    "Limdis", "Noforn", "Sensitive", "Personal",
]
_MARKING_STARTS = tuple(m.lower() for m in _MARKINGS)
_MARKING_SCAN = re.compile(r"\b(" + "|".join(re.escape(m) for m in _MARKINGS) + r")\b")
_SENTENCE_SPLIT = re.compile(r"(?<=[.;])\s+(?=[A-Z“\"(])")
_ABBREVIATIONS = {"p", "pp", "vol", "vols", "no", "nos", "doc", "docs", "mr", "mrs", "dr", "st", "jr", "sr",
                  "gen", "amb", "sec", "dept", "ca", "cf", "ed", "eds", "ch", "art", "para"}


def _sentences(text: str) -> list[str]:
    """Split a source note into sentences, keeping abbreviations such as 'p. 476' together."""
    out: list[str] = []
    start = 0
    for match in re.finditer(r"\.(?:\s+|$)", text):
        words = text[start:match.start()].split()
        word = words[-1] if words else ""
        if word.lower() in _ABBREVIATIONS or re.fullmatch(r"(?:[A-Za-z]\.)*[A-Za-z]", word):
            continue  # p. 476 / U.S. / John F. Kennedy
        out.append(text[start:match.start()].strip())
        start = match.end()
    if text[start:].strip():
        out.append(text[start:].strip())
    return out


def _is_marking(part: str) -> bool:
    """'Secret', 'Eyes Only', or a marking with an addressee ('Eyes Only for the Secretary')."""
    lower = part.lower()
    if lower in _MARKING_STARTS:
        return True
    return any(lower.startswith(m + " for ") or lower.startswith(m + " to ") for m in _MARKING_STARTS) \
        and len(lower.split()) <= 8


def classification_of(source_note: str | None) -> str | None:
    """Classification and handling words of a FRUS source note (``Secret; Eyes Only; Niact``).

    First choice: the sentence(s) made only of markings, as printed ("Secret; Eyes Only; Niact;
    Elite.").  Otherwise "No classification marking" when the note says so (a note may go on to
    say how the Department classified it later), else the markings found anywhere, in order.
    """
    if not source_note:
        return None
    found: list[str] = []
    for sentence in _sentences(source_note):
        parts = [part.strip(" .") for part in sentence.split(";")]
        if parts and all(_is_marking(part) for part in parts):
            found.extend(p for p in parts if p not in found)
    if found:
        return "; ".join(found)
    if "no classification marking" in source_note.lower():
        return "No classification marking"
    scanned: list[str] = []
    for match in _MARKING_SCAN.finditer(source_note):
        if match.group(1) not in scanned:
            scanned.append(match.group(1))
    return "; ".join(scanned) or None


def archive_citation_of(source_note: str | None) -> str | None:
    """The archival location: the source note's first sentence after "Source:"."""
    if not source_note:
        return None
    text = re.sub(r"^\s*Source:\s*", "", source_note)
    sentences = _sentences(text)
    return sentences[0] if sentences else None


_TELEGRAM_NUMBER_RE = re.compile(r"^((?:[A-Z][A-Za-z]{1,8} )?\d[\d-]*)\.(?:\s|$)")


def _ref_targets(div, volume_id: str, own_id: str) -> list[str]:
    """Documents cited by ``ref/@target``: '#d12', '#d12fn3' (this volume), 'frus…v11#d59'."""
    refs: list[str] = []
    for ref in div.iter(_T + "ref"):
        for target in (ref.get("target") or "").split():
            match = re.fullmatch(r"(?P<vol>[A-Za-z0-9_-]+)?#(?P<doc>d\d+[a-z]?)(?:fn\d+)?", target)
            if not match:
                continue  # a page (#pg_12), a term, a whole volume ('frus1961-63v05')
            vol = match.group("vol") or volume_id
            if vol == volume_id and match.group("doc") == own_id:
                continue  # a footnote of the document itself
            ref_id = f"{vol}-{match.group('doc')}"
            if ref_id not in refs:
                refs.append(ref_id)
    return refs


def _parse_when(value: str | None):
    if not value:
        return None
    try:
        stamp = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return stamp if stamp.tzinfo is not None else None


def _read_document(div, volume_id: str) -> dict:
    """One ``<div type="document">`` as a row (FRUS person ids still unmapped)."""
    xml_id = div.get(_XML_ID) or f"d{div.get('n', '')}"
    subtype = div.get("subtype")
    head = next((child for child in div if child.tag == _T + "head"), None)
    problems: list[str] = []

    title = _NUMBER_RE.sub("", _inline(head), count=1) or None
    # sender and recipients: head tags with type from/to; an untyped persName between a
    # "from" and the first "to" is a co-sender (d3 and d89 of vol. VI), after it a co-recipient
    senders: list[str] = []
    recipients: list[str] = []
    if head is not None:
        seen_from = seen_to = False
        for tagged in _iter_outside_notes(head, {"persName", "gloss", "orgName", "name"}):
            kind = tagged.get("type")
            value = (tagged.get("corresp") or "").lstrip("#") or _inline(tagged)
            if not value:
                continue
            if kind == "from":
                seen_from = True
                senders.append(value)
            elif kind == "to":
                seen_to = True
                recipients.append(value)
            elif _local(tagged.tag) == "persName" and seen_from:
                (recipients if seen_to else senders).append(value)

    source = None
    for note in div.iter(_T + "note"):
        if note.get("type") == "source":
            source = note
            break
    source_note = _inline(source) or None

    dateline = next(_iter_outside_notes(div, {"dateline"}), None)
    place = None
    ana = ""
    if dateline is not None:
        place_el = next(_iter_outside_notes(dateline, {"placeName"}), None)
        place = _inline(place_el) or None
        date_el = next(_iter_outside_notes(dateline, {"date"}), None)
        ana = (date_el.get("ana") or "") if date_el is not None else ""

    lo = _parse_when(div.get(_DT_MIN))
    hi = _parse_when(div.get(_DT_MAX))
    if lo is None or hi is None:
        problems.append("FRUS gives no readable frus:doc-dateTime-min/max for this document")
        lo = hi = None
    elif lo > hi:
        problems.append("frus:doc-dateTime-min is after frus:doc-dateTime-max in the source")

    body = _Text(blocks=True)
    for child in div:
        if child is head:
            continue
        body.walk(child)
    full_text = body.text()

    signers: list[str] = []
    for closer in (child for child in div if child.tag == _T + "closer"):
        for person in _iter_outside_notes(closer, {"persName"}):
            value = (person.get("corresp") or "").lstrip("#") or _inline(person)
            if value and value not in signers:
                signers.append(value)

    doc_type = guess_doc_type(title, subtype)
    if doc_type is None:
        problems.append(f"doc_type could not be guessed from the heading {title!r}")
    telegram_number = None
    if doc_type == "telegram":
        first_p = next((child for child in div if child.tag == _T + "p"), None)
        match = _TELEGRAM_NUMBER_RE.match(_inline(first_p))
        telegram_number = match.group(1) if match else None
        senders += [s for s in signers if s not in senders]  # the kit's rule: office plus signer

    return {
        "xml_id": xml_id,
        "n": div.get("n"),
        "subtype": subtype,
        "title": title,
        "doc_type": doc_type,
        "lo": lo,
        "hi": hi,
        "ana": ana,
        "place": place,
        "frus_sender": senders,
        "frus_recipients": recipients,
        "source_note": source_note,
        "classification": classification_of(source_note),
        "archive_citation": archive_citation_of(source_note),
        "telegram_number": telegram_number,
        "refs": _ref_targets(div, volume_id, xml_id),
        "full_text": full_text,
        "problems": problems,
    }


def _precision(lo, hi, ana: str) -> str | None:
    """The kit's date_precision for a FRUS interval."""
    if lo is None or hi is None:
        return None
    if "undated-inferred" in ana or "imprecise-inferred" in ana:
        if (lo.day == 1 and (hi + timedelta(seconds=1)).day == 1 and (lo.year, lo.month) == (hi.year, hi.month)
                and lo.time().isoformat() == "00:00:00" and hi.time().isoformat() == "23:59:59"):
            return "month"
        return "inferred"
    if lo == hi:
        return "minute"
    if lo.time().isoformat() == "00:00:00" and hi.time().isoformat() == "23:59:59":
        if lo.day == 1 and lo.month == hi.month and lo.year == hi.year and (hi + timedelta(seconds=1)).day == 1:
            return "month"
        return "day"
    return "minute"  # a timed span, e.g. a meeting from 10:00 to 11:30


# --------------------------------------------------------------------------- people


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


_TITLES = {"gen", "marshal", "maj", "amb", "dr", "mr", "prince", "lord", "sir", "generalissimo", "adm", "col"}
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}


def _name_words(text: str) -> list[str]:
    text = re.sub(r"\([^)]*\)|'[^']*'|\"[^\"]*\"", " ", _fold(text))
    words = [w.strip(".,") for w in text.split()]
    return [w for w in words if w and w not in _TITLES and w not in _SUFFIXES]


def person_actor_map(persons: dict[str, str], actors: pd.DataFrame | None) -> dict[str, str]:
    """FRUS person id -> kit actor id, matched on the volume's persons list.

    ``persons`` maps ids to names as the list prints them ("Khrushchev, Nikita S."; a few lack
    the comma, "Bolshakov Georgi N.").  A person matches a kit actor (kind ``person``) when the
    family name is equal and the first given name has the same initial; where several kit actors
    match (John and Robert Kennedy) the first given names must be equal.  Unmatched people stay
    unmapped: the FRUS id is kept in ``frus_sender``/``frus_recipients``.
    """
    if actors is None or not len(actors):
        return {}
    index: dict[str, list[tuple[str, str]]] = {}
    for actor_id, name, full_name, kind in zip(actors["actor_id"], actors["name"], actors["full_name"], actors["kind"]):
        if kind != "person":
            continue
        full = _name_words(full_name)
        short = _name_words(name)
        if not full:
            continue
        given = full[0] if len(full) > 1 else ""
        for surname in {full[-1], short[-1] if short else full[-1]}:
            index.setdefault(surname, []).append((actor_id, given))
    mapping: dict[str, str] = {}
    for person_id, printed in persons.items():
        if "," in printed:
            surname_part, given_part = printed.split(",", 1)
            surname_words = _name_words(surname_part)
            given_words = _name_words(given_part)
        else:
            words = _name_words(printed)
            surname_words, given_words = words[:1], words[1:2]
        if not surname_words:
            continue
        surname = surname_words[-1]
        given = given_words[0] if given_words else ""
        candidates = {a: g for a, g in index.get(surname, []) if g[:1] == given[:1]}
        if len(candidates) > 1:
            candidates = {a: g for a, g in candidates.items() if g == given}
        if len(candidates) == 1:
            mapping[person_id] = next(iter(candidates))
    return mapping


#: Offices named in telegram heads (``<gloss type="from">``) -> kit actor ids.
OFFICE_ACTORS = {
    "department of state": "state-department",
    "embassy in the soviet union": "us-embassy-moscow",
    "mission to the united nations": "usun",
    "white house": "white-house",
}


def _office_key(text: str) -> str:
    text = _WS.sub(" ", _fold(text)).strip()
    return re.sub(r"^(the |u\.s\. |united states )+", "", text)


# --------------------------------------------------------------------------- reading a volume


def _roman(number: int) -> str:
    values = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
              (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for value, letters in values:
        while number >= value:
            out += letters
            number -= value
    return out


def _volume_labels(volume_id: str, header: dict) -> tuple[str, str]:
    """('FRUS 1961-1963', 'VI') for citations, from the header titles or else the id."""
    years = header.get("sub-series", "").replace("–", "-").replace("—", "-").strip()
    number = re.sub(r"^Volume\s+", "", header.get("volume-number", "").strip())
    match = re.match(r"^frus(\d{4})-(\d{2,4})v(\d+)", volume_id)
    if match and not years:
        start, end = match.group(1), match.group(2)
        years = f"{start}-{start[:4 - len(end)]}{end}"
    if match and not number:
        number = _roman(int(match.group(3)))
    series = f"FRUS {years}".strip()
    return series, number


def _read_header(header_el) -> dict:
    info: dict[str, str] = {}
    for title in header_el.iter(_T + "title"):
        if title.get("type"):
            info.setdefault(title.get("type"), _inline(title))
    for date in header_el.iter(_T + "date"):
        if date.get("type") == "content-date":
            info["notBefore"] = date.get("notBefore") or ""
            info["notAfter"] = date.get("notAfter") or ""
    for idno in header_el.iter(_T + "idno"):
        if idno.get("type") == "frus":
            info["idno"] = _inline(idno)
    return info


def _document_columns():
    from helpers.data import DOCUMENT_COLUMNS

    return DOCUMENT_COLUMNS


def read_volume(
    path: str | os.PathLike,
    *,
    actors: pd.DataFrame | None = None,
    person_map: dict[str, str] | None = None,
    max_bytes: int | None = None,
) -> pd.DataFrame:
    """A FRUS TEI volume as a DataFrame in the kit's documents schema, one row per document.

    Columns and types are those of :func:`helpers.data.load_documents` (``doc_id`` is the volume
    id plus the document's ``xml:id``, e.g. ``frus1961-63v06-d60``; dates are tz-aware UTC;
    ``doc_type`` and ``date_precision`` are categoricals over the kit's vocabularies; list columns
    hold lists).  Columns FRUS cannot fill (``side``, ``channel``, ``summary``, ``weapons``,
    ``issues``, ...) are empty.  Extra columns: ``source_note`` (the source note's text, kept
    apart from ``full_text``), ``frus_sender``/``frus_recipients`` (the FRUS person ids, or the
    office as printed; a telegram's signer is a sender, as in the kit), ``frus_subtype`` and ``undated`` (True when FRUS dates the document only by
    the volume's whole span, as it does for editorial notes).

    Dates: FRUS writes day-level intervals from 00:00:00 to 23:59:59 at -05:00 whatever the
    place (a Moscow letter, a Washington letter in EDT), so ``date_min``/``date_max`` may differ
    by a few hours from the kit's own rows, which use the local offset; ``day_min``/``day_max`` (the
    calendar day) agree.  ``refs`` lists every document cited by a ``ref`` (in the notes or the
    running text, as editorial notes do): ``<volume>-d<N>`` for this and other volumes alike.

    ``actors`` is the kit's actor table used to map FRUS people to actor ids (default:
    ``helpers.data.load_actors()``); ``person_map`` adds or corrects FRUS id -> actor id pairs.
    Refuses, with :class:`FrusError`, a file that is not TEI, is truncated or malformed, is larger
    than ``max_bytes`` (default 100 MB or ``NOV1962_FRUS_MAX_BYTES``), declares a DTD or entities,
    or holds no documents.
    """
    path = Path(path)
    volume_id = None
    header: dict[str, str] = {}
    persons: dict[str, str] = {}
    rows: list[dict] = []
    for event, element in _events(path, max_bytes):
        tag = element.tag
        if event == "start":
            if tag == _T + "TEI":
                volume_id = element.get(_XML_ID)
            continue
        if tag == _T + "div" and element.get("type") == "document":
            rows.append(_read_document(element, volume_id or _volume_from_name(path)))
            element.clear()
        elif tag == _T + "persName" and element.get(_XML_ID):
            persons[element.get(_XML_ID)] = _inline(element)
        elif tag == _T + "teiHeader":
            header = _read_header(element)
            element.clear()
        elif tag == _T + "front":
            element.clear()
    volume_id = volume_id or header.get("idno") or _volume_from_name(path)
    if not rows:
        raise FrusError(f"{path} is TEI but holds no FRUS documents (no <div type=\"document\">)")
    if actors is None:
        from helpers.data import load_actors

        actors = load_actors()
    if person_map and actors is not None and len(actors):
        from helpers.data import _closest

        known = set(actors["actor_id"])
        wrong = {k: v for k, v in person_map.items() if v not in known}
        if wrong:
            raise FrusError("person_map names unknown actor ids: " + ", ".join(
                f"{k} -> {v!r}{_closest(v, known)}" for k, v in wrong.items()))
    return _frame(rows, volume_id, header, persons, actors, person_map or {})


def _volume_from_name(path: Path) -> str:
    return path.name[:-4] if path.name.endswith(".xml") else path.stem


def _frame(rows, volume_id, header, persons, actors, person_map) -> pd.DataFrame:
    from helpers.data import _date_label  # the one definition of a readable date

    known = set(actors["actor_id"]) if actors is not None and len(actors) else set()
    people = person_actor_map(persons, actors)
    people.update(person_map)
    offices = {key: actor for key, actor in OFFICE_ACTORS.items() if actor in known}

    def to_actors(values: list[str]) -> list[str]:
        out = []
        for value in values:
            actor = people.get(value) or offices.get(_office_key(value))
            if actor and (actor in known or value in person_map) and actor not in out:
                out.append(actor)
        return out

    series, number = _volume_labels(volume_id, header)
    span = (_parse_when(header.get("notBefore")), _parse_when(header.get("notAfter")))
    n = len(rows)
    data: dict[str, object] = {}
    doc_ids = [f"{volume_id}-{row['xml_id']}" for row in rows]
    precisions = [_precision(row["lo"], row["hi"], row["ana"]) for row in rows]
    undated = [row["lo"] is not None and (row["lo"], row["hi"]) == span for row in rows]
    empty_lists = lambda: pd.Series([[] for _ in range(n)], dtype=object)  # noqa: E731
    nothing = lambda: pd.Series([None] * n, dtype=object)  # noqa: E731
    for column in _document_columns():
        name = column.name
        if name == "doc_id":
            data[name] = pd.Series(doc_ids, dtype=object)
        elif name in ("title", "place", "telegram_number", "classification", "archive_citation"):
            data[name] = pd.Series([row[name] for row in rows], dtype=object)
        elif name == "doc_type":
            data[name] = pd.Categorical([row["doc_type"] for row in rows], categories=list(vocab.DOC_TYPES))
        elif name == "date_precision":
            data[name] = pd.Categorical(precisions, categories=list(vocab.DATE_PRECISIONS))
        elif name in ("date_min", "date_max"):
            key = "lo" if name == "date_min" else "hi"
            data[name] = pd.to_datetime(pd.Series([row[key] for row in rows], dtype=object), utc=True)
        elif name == "side":
            data[name] = pd.Categorical([None] * n, categories=list(vocab.SIDES))
        elif name == "channel":
            data[name] = pd.Categorical([None] * n, categories=list(vocab.CHANNELS))
        elif name == "sender":
            data[name] = pd.Series([to_actors(row["frus_sender"]) for row in rows], dtype=object)
        elif name == "recipients":
            data[name] = pd.Series([to_actors(row["frus_recipients"]) for row in rows], dtype=object)
        elif name == "refs":
            data[name] = pd.Series([row["refs"] for row in rows], dtype=object)
        elif name == "source_citation":
            data[name] = pd.Series([f"{series}, vol. {number}, doc. {row['n'] or row['xml_id'].lstrip('d')}"
                                    for row in rows], dtype=object)
        elif name == "source_collection":
            data[name] = pd.Series([f"{series} vol. {number}"] * n, dtype=object)
        elif name == "source_url":
            data[name] = pd.Series([f"https://history.state.gov/historicaldocuments/{volume_id}/{row['xml_id']}"
                                    for row in rows], dtype=object)
        elif name == "has_full_text":
            data[name] = pd.Series([bool(row["full_text"]) for row in rows], dtype=bool)
        elif name == "notes":
            data[name] = pd.Series(["; ".join(row["problems"]) or None for row in rows], dtype=object)
        elif column.kind == "list":
            data[name] = empty_lists()
        elif column.kind == "enum":
            data[name] = pd.Categorical([None] * n)
        else:
            data[name] = nothing()
    frame = pd.DataFrame(data)
    frame["day_min"] = pd.to_datetime([row["lo"].date() if row["lo"] else None for row in rows])
    frame["day_max"] = pd.to_datetime([row["hi"].date() if row["hi"] else None for row in rows])
    labels = []
    for row, precision, is_undated in zip(rows, precisions, undated):
        if row["lo"] is None:
            labels.append("date unknown")
        elif is_undated:
            labels.append(f"undated (FRUS gives the volume's span, {_date_label(row['lo'], row['hi'], 'day')})")
        else:
            labels.append(_date_label(row["lo"], row["hi"], precision))
    frame["date_label"] = labels
    own = set(doc_ids)
    cited_by: dict[str, list[str]] = {doc_id: [] for doc_id in doc_ids}
    for doc_id, refs in zip(doc_ids, frame["refs"]):
        for ref in refs:
            if ref in own:
                cited_by[ref].append(doc_id)
    frame["cited_by"] = pd.Series([cited_by[d] for d in doc_ids], dtype=object)
    frame["full_text"] = pd.Series([row["full_text"] or None for row in rows], dtype=object)
    frame["source_note"] = pd.Series([row["source_note"] for row in rows], dtype=object)
    frame["frus_sender"] = pd.Series([row["frus_sender"] for row in rows], dtype=object)
    frame["frus_recipients"] = pd.Series([row["frus_recipients"] for row in rows], dtype=object)
    frame["frus_subtype"] = pd.Series([row["subtype"] for row in rows], dtype=object)
    frame["undated"] = pd.Series(undated, dtype=bool)
    frame.attrs["volume_id"] = volume_id
    frame.attrs["volume_title"] = header.get("complete", "")
    frame.attrs["frus_persons"] = dict(persons)
    frame.attrs["person_actors"] = {k: v for k, v in people.items() if v in known or k in person_map}
    if known:
        frame.attrs["actor_ids"] = sorted(known)
    return frame


# --------------------------------------------------------------------------- attaching texts


def _volume_tables(volumes, cache_dir=None, actors=None) -> list[pd.DataFrame]:
    if isinstance(volumes, (pd.DataFrame, str, os.PathLike)):
        volumes = [volumes]
    tables = []
    for volume in volumes:
        if isinstance(volume, pd.DataFrame):
            tables.append(volume)
            continue
        path = Path(volume)
        if not path.is_file() and isinstance(volume, str) and _VOLUME_ID_RE.match(volume):
            path = cached_path(volume, cache_dir)
            if not path.is_file():
                raise FrusError(
                    f"volume {volume} is not in the cache ({path}); fetch it first with "
                    f"python -m helpers.frus fetch {volume}"
                )
        tables.append(read_volume(path, actors=actors))
    return tables


def attach_texts(docs: pd.DataFrame, volumes, *, cache_dir=None, overwrite: bool = False) -> pd.DataFrame:
    """The kit's table with ``full_text``/``has_full_text`` filled from FRUS volumes.

    ``volumes``: frames from :func:`read_volume`, paths of TEI files, or volume ids already in the
    cache (one or a list).  A row gets the text of the volume document whose ``doc_id`` is the
    row's ``doc_id`` or one of its ``also_printed`` ids (a vol. VI letter also printed in vol. XI
    is found in either volume).  Rows that already have a text (the one the kit ships) keep it
    unless ``overwrite``; all other rows and columns are unchanged.  Returns a new frame.
    """
    no_actors = pd.DataFrame({"actor_id": [], "name": [], "full_name": [], "kind": []})  # texts only
    texts: dict[str, str] = {}
    for table in _volume_tables(volumes, cache_dir, no_actors):
        for doc_id, text in zip(table["doc_id"], table["full_text"]):
            if isinstance(text, str) and text:
                texts.setdefault(doc_id, text)
    result = docs.copy()
    full = list(result["full_text"]) if "full_text" in result else [None] * len(result)
    has = list(result["has_full_text"]) if "has_full_text" in result else [False] * len(result)
    also = result["also_printed"] if "also_printed" in result else [[] for _ in range(len(result))]
    for i, (doc_id, others) in enumerate(zip(result["doc_id"], also)):
        if has[i] and isinstance(full[i], str) and not overwrite:
            continue
        for candidate in [doc_id, *(others or [])]:
            if candidate in texts:
                full[i] = texts[candidate]
                has[i] = True
                break
    result["full_text"] = pd.Series(full, index=result.index, dtype=object)
    result["has_full_text"] = pd.Series(has, index=result.index, dtype=bool)
    return result


# --------------------------------------------------------------------------- command line


def main(argv: list[str] | None = None) -> int:
    """``python -m helpers.frus fetch ID [ID ...]`` | ``read PATH_OR_ID`` | ``where``."""
    parser = argparse.ArgumentParser(
        prog="python -m helpers.frus",
        description="Fetch official FRUS TEI volumes into the kit's cache and read them.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    fetch = commands.add_parser("fetch", help="download volumes (e.g. frus1961-63v11 frus1961-63v06)")
    fetch.add_argument("volume_ids", nargs="+", metavar="VOLUME_ID")
    fetch.add_argument("--cache-dir", help=f"cache folder (default: {CACHE_ENV} or the user cache)")
    fetch.add_argument("--base-url", help=f"download from here (default: {BASE_URL_ENV} or GitHub)")
    fetch.add_argument("--force", action="store_true", help="download again even if cached")
    fetch.add_argument("--quiet", action="store_true", help="no progress bar")
    read = commands.add_parser("read", help="read a volume file (or a cached volume id) and list its documents")
    read.add_argument("volume", metavar="PATH_OR_VOLUME_ID")
    read.add_argument("--cache-dir")
    where = commands.add_parser("where", help="print the cache folder")
    where.add_argument("--cache-dir")
    args = parser.parse_args(argv)

    try:
        if args.command == "where":
            print(cache_folder(args.cache_dir))
            return 0
        if args.command == "read":
            table = _volume_tables([args.volume], args.cache_dir)[0]
            with pd.option_context("display.width", 160, "display.max_colwidth", 70, "display.max_rows", 20):
                print(f"{table.attrs.get('volume_id')}: {len(table)} documents")
                print(table[["doc_id", "date_label", "doc_type", "title"]].to_string(index=False))
            return 0
        failed = 0
        for volume_id in args.volume_ids:
            try:
                path = fetch_volume(volume_id, args.cache_dir, args.base_url, progress=not args.quiet, force=args.force)
            except FrusError as exc:
                failed += 1
                print(f"error: {exc}", file=sys.stderr)
                continue
            print(path)
        return 1 if failed else 0
    except FrusError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
