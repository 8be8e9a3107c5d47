"""Readers: the article folder listed and each article read into a Document.

Listing only stats files, so the build can recognise unchanged articles without reading
them. Reading turns bytes into the text every offset refers to: decoded as Python's
UTF-8 reader would (universal newlines), with the encodings wire copy really arrives in
handled explicitly, and anything that is not an article refused with a reason.
"""

from __future__ import annotations

import codecs
import hashlib
from pathlib import Path

import attrs

from timeline.errors import ArticleError
from timeline.model import Document

ARTICLE_GLOB = "*.txt"
# Far above any news article; bounds the time and memory one runaway file can cost.
MAX_ARTICLE_BYTES = 4 * 1024 * 1024


@attrs.frozen
class ArticleFile:
    """An article as the folder listing sees it: enough to tell whether it changed."""

    name: str
    path: Path
    size: int
    mtime_ns: int


def list_articles(folder: Path) -> tuple[tuple[ArticleFile, ...], tuple[ArticleError, ...]]:
    """The articles of `folder` in name order, and the entries that cannot be articles."""
    if not folder.is_dir():
        raise ArticleError(str(folder), "no such articles folder", "pass --seeds DIR")
    files, problems = [], []
    for path in sorted(folder.glob(ARTICLE_GLOB)):
        try:
            stat = path.stat()
        except OSError as exc:
            problems.append(ArticleError(str(path), f"cannot be read ({exc.strerror})",
                                         "remove the broken link or fix its target"))
            continue
        if not path.is_file():
            problems.append(ArticleError(str(path), "is not a regular file",
                                         "rename it so it does not end in .txt"))
            continue
        files.append(ArticleFile(path.name, path, stat.st_size, stat.st_mtime_ns))
    return tuple(files), tuple(problems)


def read_article(article: ArticleFile) -> Document:
    """The article's text, or an ArticleError saying why it cannot be used."""
    try:
        with article.path.open("rb") as handle:
            data = handle.read(MAX_ARTICLE_BYTES + 1)
    except OSError as exc:
        raise ArticleError(str(article.path), f"cannot be read ({exc.strerror})",
                           "check that the file exists and is readable") from None
    if len(data) > MAX_ARTICLE_BYTES:
        raise ArticleError(str(article.path), f"is larger than {MAX_ARTICLE_BYTES} bytes",
                           "split it into one article per file")
    text = decode(data, article.path)
    if not text.strip():
        raise ArticleError(str(article.path), "is empty", "remove it or fill it in")
    return Document(article.name, text, hashlib.sha256(data).hexdigest())


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
            text = data.decode(_legacy_encoding(data), errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _legacy_encoding(data: bytes) -> str:
    """CP1251 when high bytes come in runs (Cyrillic words), else Latin-1 (never fails).

    In Western European text an accented letter stands alone among ASCII letters; in
    Cyrillic text whole words are high bytes.
    """
    high = [i for i, b in enumerate(data) if b >= 0x80]
    in_runs = sum(1 for i in high if (i > 0 and data[i - 1] >= 0x80)
                  or (i + 1 < len(data) and data[i + 1] >= 0x80))
    return "cp1251" if high and in_runs / len(high) > 0.5 else "latin-1"


def same_stat(article: ArticleFile, size: int, mtime_ns: int) -> bool:
    return (article.size, article.mtime_ns) == (size, mtime_ns)
