"""Readers: the article folder listed and each article read into a Document.

Listing only stats files, so the build can recognise unchanged articles without reading
them. Reading turns bytes into the text every offset refers to: decoded as Python's
UTF-8 reader would (universal newlines), with the encodings wire copy really arrives in
handled explicitly, and anything that is not an article refused with a reason.

Files change under a nightly build (an editor saves, rsync replaces, a user deletes), so
nothing learnt from the listing is trusted when reading: the file is opened without
blocking, checked to be a regular file of sensible size, and read with a bound.
"""

from __future__ import annotations

import codecs
import errno
import hashlib
import itertools
import os
import re
import stat
from pathlib import Path

import attrs

from timeline.errors import ArticleError
from timeline.model import Document

ARTICLE_SUFFIX = ".txt"  # what makes a file of the folder an article (case counts)
# Far above any news article (a long one is 30 KB); bounds the time and memory one
# runaway file can cost. Extraction is not linear in the length: 1 MB took 100 s (2026-11).
MAX_ARTICLE_BYTES = 1024 * 1024
# Control characters other than tab, newline, vertical tab and form feed (carriage
# returns are gone by then): more than one in a hundred characters means a binary file
# that happened to hold no NUL byte.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
MAX_CONTROL_SHARE = 0.01
_HIGH_BYTES = bytes(range(0x80, 0x100))
_LONE_HIGH_BYTE = re.compile(rb"(?<![\x80-\xff])[\x80-\xff](?![\x80-\xff])")


@attrs.frozen
class ArticleFile:
    """An article as the folder listing sees it: enough to tell whether it changed."""

    name: str
    path: str | Path  # a str from a listing: 20,000 Paths cost a nightly build 50 ms
    size: int
    mtime_ns: int


def list_articles(folder: Path) -> tuple[tuple[ArticleFile, ...], tuple[ArticleError, ...]]:
    """The articles of `folder` in name order, and the entries that cannot be articles."""
    if not folder.is_dir():
        raise ArticleError(str(folder), "no such articles folder", "pass --seeds DIR")
    files, problems = [], []
    # scandir and string names, not glob and sorted Paths: a nightly listing of a large
    # folder costs its stat calls, not the comparison of Path objects.
    with os.scandir(folder) as entries:
        names = sorted(e.name for e in entries if e.name.endswith(ARTICLE_SUFFIX))
    base = os.path.join(folder, "")
    for name in names:
        path = base + name
        try:
            info = os.stat(path)
        except OSError as exc:
            problems.append(_unlisted(Path(path), exc))
            continue
        if not stat.S_ISREG(info.st_mode):
            problems.append(ArticleError(path, f"is not a regular file ({_kind(info)})",
                                         "rename it so it does not end in .txt"))
            continue
        files.append(ArticleFile(name, path, info.st_size, info.st_mtime_ns))
    return tuple(files), tuple(problems)


def _unlisted(path: Path, exc: OSError) -> ArticleError:
    if path.is_symlink():
        return ArticleError(str(path), f"is a broken link ({exc.strerror})",
                            "remove the link or fix its target")
    return ArticleError(str(path), f"cannot be read ({exc.strerror})",
                        "check that the file exists and is readable")


def _kind(info: os.stat_result) -> str:
    if stat.S_ISDIR(info.st_mode):
        return "a folder"
    if stat.S_ISFIFO(info.st_mode):
        return "a named pipe"
    return "a device or socket"


def read_article(article: ArticleFile) -> Document:
    """The article's text, or an ArticleError saying why it cannot be used."""
    data = _read_bounded(article.path)
    text = decode(data, article.path)
    if not text.strip():
        raise ArticleError(str(article.path), "is empty", "remove it or fill it in")
    return Document(article.name, text, hashlib.sha256(data).hexdigest())


def _read_bounded(path: str | Path) -> bytes:
    """At most MAX_ARTICLE_BYTES of a regular file, or an ArticleError.

    O_NONBLOCK because the path may have become a named pipe since it was listed, and
    opening a pipe with no writer would wait forever.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        reason = "it vanished after it was listed" if exc.errno == errno.ENOENT \
            else exc.strerror
        raise ArticleError(str(path), f"cannot be read ({reason})",
                           "check that the file exists and is readable") from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ArticleError(str(path), f"is not a regular file ({_kind(info)})",
                               "rename it so it does not end in .txt")
        if info.st_size > MAX_ARTICLE_BYTES:  # refused without reading a byte of it
            raise _too_large(path)
        try:
            data = handle.read(MAX_ARTICLE_BYTES + 1)  # it may have grown since fstat
        except OSError as exc:
            raise ArticleError(str(path), f"cannot be read ({exc.strerror})",
                               "check the disk and the file") from None
    if len(data) > MAX_ARTICLE_BYTES:
        raise _too_large(path)
    return data


def _too_large(path: str | Path) -> ArticleError:
    return ArticleError(str(path), f"is larger than {MAX_ARTICLE_BYTES} bytes",
                        "split it into one article per file")


def decode(data: bytes, path: Path | str) -> str:
    """Bytes to text with universal newlines, as `Path.read_text(encoding="utf-8")` reads.

    A UTF-8 BOM is kept as the character U+FEFF, exactly as Python's UTF-8 reader keeps
    it, so character offsets agree with any tool that reads the file that way.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16", errors="replace")
    elif b"\x00" in data:
        raise ArticleError(str(path), "holds NUL bytes: a binary file, not an article",
                           "remove it from the articles folder")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _decode_legacy(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    allowed = int(MAX_CONTROL_SHARE * len(text))
    if sum(1 for _ in itertools.islice(_CONTROL.finditer(text), allowed + 1)) > allowed:
        raise ArticleError(str(path), "holds control characters: a binary file, not an "
                           "article", "remove it from the articles folder")
    return text


def _decode_legacy(data: bytes) -> str:
    """Text that is not UTF-8: CP1251 when high bytes come in runs, else Windows-1252.

    In Cyrillic text whole words are high bytes; in Western European text an accented
    letter stands alone among ASCII letters. Windows-1252 rather than Latin-1 because
    that is what Windows tools write: its typographic quotes and dashes are C1 control
    codes in Latin-1. Latin-1, which decodes any byte, takes the few bytes Windows-1252
    leaves undefined.
    """
    high = len(data) - len(data.translate(None, _HIGH_BYTES))
    alone = sum(1 for _ in _LONE_HIGH_BYTE.finditer(data))
    if high and (high - alone) / high > 0.5:
        return data.decode("cp1251", errors="replace")
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")

