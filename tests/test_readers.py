"""Reading articles: the text every offset refers to, and clear refusals."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from timeline.errors import ArticleError
from timeline.readers import decode, list_articles, read_article


def test_offsets_agree_with_python_utf8_reader(tmp_path: Path) -> None:
    """CRLF and a BOM are read exactly as Path.read_text(encoding='utf-8') reads them."""
    path = tmp_path / "a.txt"
    path.write_bytes(codecs.BOM_UTF8 + b"Astana, 8 May\r\nTokayev met\rPutin.")
    (file,), problems = list_articles(tmp_path)
    assert problems == ()
    assert read_article(file).text == path.read_text(encoding="utf-8")


def test_utf16_and_cp1251_are_decoded() -> None:
    """Wire copy saved by other tools still reads as text."""
    assert decode("Минск, 20 декабря".encode("utf-16"), "x") == "Минск, 20 декабря"
    assert decode("Минск, 20 декабря".encode("cp1251"), "x") == "Минск, 20 декабря"
    assert decode("Zürich café".encode("latin-1"), "x") == "Zürich café"


def test_binary_and_empty_files_are_refused(tmp_path: Path) -> None:
    """A binary file or an empty one is an ArticleError naming the file."""
    (tmp_path / "bin.txt").write_bytes(b"\x89PNG\x00\x00\x01")
    (tmp_path / "empty.txt").write_bytes(b"  \n")
    files, _ = list_articles(tmp_path)
    for file in files:
        with pytest.raises(ArticleError, match=file.name):
            read_article(file)


def test_folders_and_dangling_links_are_reported_not_read(tmp_path: Path) -> None:
    """Entries named like articles that are not files are reported by the listing."""
    (tmp_path / "folder.txt").mkdir()
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "missing")
    (tmp_path / "ok.txt").write_text("Text.")
    files, problems = list_articles(tmp_path)
    assert [f.name for f in files] == ["ok.txt"]
    assert sorted(Path(p.where).name for p in problems) == ["dangling.txt", "folder.txt"]
