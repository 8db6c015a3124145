"""The document readers: text, metadata, furniture, listing items and locations in the file."""

from __future__ import annotations

import hashlib
import os
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.documents import READERS, decode_text, find_documents, read_document, read_documents
from factcheck.documents.datelines import find_dateline, parse_date
from factcheck.documents.locations import SourceMap
from factcheck.errors import DocumentError
from factcheck.model import Article

DATA = Path(__file__).parent / "data" / "documents"
BODY = "Officials said 4,210 bicycles were registered in the district last year, up from 3,900 in 2022."


def write(tmp_path: Path, name: str, content: str | bytes) -> str:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return str(path)


def read_text(tmp_path: Path, content: str, name: str = "doc.txt") -> Article:
    return read_document(write(tmp_path, name, content))


def in_furniture(article: Article, needle: str) -> bool:
    offset = article.text.index(needle)
    return any(start <= offset < end for start, end in article.furniture)


def position(source: str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset`` in ``source``, computed independently of LineIndex."""
    return source.count("\n", 0, offset) + 1, offset - (source.rfind("\n", 0, offset) + 1) + 1


def assert_located(article: Article, source: str, needle: str) -> None:
    """The line:column of ``needle`` in the text is the line:column of ``needle`` in the file."""
    assert article.line_col(article.text.index(needle)) == position(source, source.index(needle))


# --- dates -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("March 12, 2024", date(2024, 3, 12)),
        ("Apr 9, 2020", date(2020, 4, 9)),
        ("Tue, 30 Mar 2021", date(2021, 3, 30)),
        ("2024-03-12", date(2024, 3, 12)),
        ("30 March 2021", date(2021, 3, 30)),
        ("Sept. 5, 2023", date(2023, 9, 5)),
        ("2024-06-18T09:30:00+02:00", date(2024, 6, 18)),
        ("Tue, 30 Mar 2021 10:00:00 +0800", date(2021, 3, 30)),
        ("2024年3月12日", date(2024, 3, 12)),
        ("2024-02-30", None),
        ("in 2023", None),
        ("March 2024", None),
        ("March 12, 2024 was a Tuesday", None),
    ],
)
def test_parse_date(written: str, expected: date | None) -> None:
    assert parse_date(written) == expected


@pytest.mark.parametrize(
    ("head", "expected", "dateline"),
    [
        ("Ferry news\n\nMarch 12, 2024\n\n", date(2024, 3, 12), "March 12, 2024"),
        ("Ferry news\n\nUpdated: Apr 9, 2020 City Daily Print\n\n", date(2020, 4, 9), "Updated: Apr 9, 2020"),
        (" date 2024-03-08 ", date(2024, 3, 8), "date 2024-03-08"),
        ("Ferry news\n\nTue, 30 Mar 2021\nCategories: Local\n\n", date(2021, 3, 30), "Tue, 30 Mar 2021"),
        ("Ferry news\n2024-03-12\n\n", date(2024, 3, 12), "2024-03-12"),
        ("Ferry news\n30 March 2021\n\n", date(2021, 3, 30), "30 March 2021"),
        ("Ferry news\nPublished: May 2, 2024 08:15\n\n", date(2024, 5, 2), "Published: May 2, 2024"),
        ("Ferry news\nBy A. Writer | Updated: 2024-05-02 08:15\n\n", date(2024, 5, 2), "Updated: 2024-05-02"),
    ],
)
def test_dateline_forms(tmp_path: Path, head: str, expected: date, dateline: str) -> None:
    article = read_text(tmp_path, head + BODY + "\n")
    assert article.published == expected
    found = find_dateline(article.text)
    assert found is not None and article.text[found[1] : found[2]] == dateline
    # A dateline is no claim: its digits are furniture.
    assert in_furniture(article, dateline)
    assert not in_furniture(article, "4,210")


def test_no_dateline_means_no_date_not_a_guess(tmp_path: Path) -> None:
    article = read_text(tmp_path, BODY + "\n\nIn 2023 the count was revised; the report for 2024 is due.\n")
    assert article.published is None
    assert article.anchor_date(0) == (None, "the article has no publication date")


def test_date_inside_a_sentence_is_not_a_dateline(tmp_path: Path) -> None:
    article = read_text(tmp_path, "The plan, published March 3, 2024, was approved by the council on Monday night.\n")
    assert article.published is None


def test_dateline_only_in_the_head(tmp_path: Path) -> None:
    filler = "".join(f"Paragraph {n} of the story has words enough to count as a paragraph here.\n\n" for n in range(20))
    article = read_text(tmp_path, filler + "March 12, 2024\n")
    assert article.published is None


# --- plain text: title, publisher, furniture -----------------------------------------------------


def test_title_is_last_short_line_before_the_dateline(tmp_path: Path) -> None:
    text = "Harbour Observer\n\nEnglishFrenchGermanSpanishItalian\n\nFerry traffic doubles\n\nMarch 12, 2024\n\n" + BODY
    article = read_text(tmp_path, text)
    assert article.title == "Ferry traffic doubles"
    assert in_furniture(article, "EnglishFrench")


def test_title_is_short_first_line_over_a_paragraph(tmp_path: Path) -> None:
    assert read_text(tmp_path, "Ferry traffic doubles\n\n" + BODY).title == "Ferry traffic doubles"


def test_no_title_when_the_text_starts_with_a_paragraph(tmp_path: Path) -> None:
    article = read_text(tmp_path, BODY + "\n\nA section heading\n\n" + BODY)
    assert article.title is None


def test_no_title_when_the_dateline_is_glued_to_the_first_paragraph(tmp_path: Path) -> None:
    article = read_text(tmp_path, " date 2024-03-08 " + BODY + "\n\nA section heading\n\n" + BODY)
    assert (article.title, article.published) == (None, date(2024, 3, 8))


@pytest.mark.parametrize(
    ("line", "publisher"),
    [
        ("Copyright © Harbour Weekly. All rights reserved.", "Harbour Weekly"),
        ("Copyright©2024 City Daily. All rights reserved.", "City Daily"),
        ("Copyright © the Ministry of Examples of the Republic of Nowhere. All rights reserved. Presented by City Daily.",
         "Ministry of Examples of the Republic of Nowhere"),
        ("© 2023 Valley News", "Valley News"),
    ],
)
def test_publisher_from_copyright_line(tmp_path: Path, line: str, publisher: str) -> None:
    article = read_text(tmp_path, f"Ferry traffic doubles\n\n{BODY}\n\n{line}\n")
    assert article.publisher == publisher
    assert in_furniture(article, line)


def test_no_copyright_no_publisher(tmp_path: Path) -> None:
    assert read_text(tmp_path, BODY).publisher is None


def test_furniture_lines_and_tail(tmp_path: Path) -> None:
    text = (
        "Ferry traffic doubles\n\nUpdated: Apr 9, 2020 City Daily Print\nShare - WeChat\n\n"
        f"{BODY}\n\nSave as PDF\n\nYou might also like\n\nOther story\n\nIt counted 77 things.\n\n"
        "Copyright©2024 City Daily. All rights reserved.\n\n京公网安备 11010502032503号"
    )
    article = read_text(tmp_path, text)
    for needle in ("Share - WeChat", "Save as PDF", "You might also like", "77 things", "京公网安备"):
        assert in_furniture(article, needle), needle
    assert not in_furniture(article, "4,210")
    assert article.furniture == tuple(sorted(article.furniture))


def test_tail_marker_before_any_paragraph_is_only_a_menu_line(tmp_path: Path) -> None:
    article = read_text(tmp_path, "Read more\n\nFerry traffic doubles\n\n" + BODY)
    assert in_furniture(article, "Read more")
    assert not in_furniture(article, "4,210")


def test_txt_text_is_the_file_and_offsets_map_to_it(tmp_path: Path) -> None:
    source = "\ufeffFerry traffic doubles\r\n\r\nMarch 12, 2024\n\n" + BODY + "\n"
    path = write(tmp_path, "ferry.txt", source)
    article = read_document(path)
    assert article.text == source[1:]  # the BOM is not text
    assert article.id == "ferry"
    assert article.sha256 == hashlib.sha256(source.encode("utf-8")).hexdigest()
    assert_located(article, source[1:], "4,210")
    assert_located(article, source[1:], "3,900")


# --- listing pages -----------------------------------------------------------------------------


def test_bulleted_listing_items_dates_and_furniture() -> None:
    article = read_document(str(DATA / "listing.txt"))
    assert [(item.title, item.published) for item in article.items] == [
        ("Headline one", date(2024, 3, 12)),
        ("Headline two", date(2024, 3, 3)),
    ]
    assert article.published is None
    assert article.publisher == "Example Gazette"
    first, second = article.items
    assert article.text[first.start : first.end].lstrip().startswith("• Headline one")
    assert first.end == second.start
    assert article.text[second.end :].startswith("Back to top")
    assert in_furniture(article, "Section A") and in_furniture(article, "Section B")
    assert in_furniture(article, "Back to top") and in_furniture(article, "Copyright")
    assert not in_furniture(article, "1,204") and not in_furniture(article, "310 volunteers")
    said_sunday = article.text.index("said Sunday")
    assert article.anchor_date(said_sunday) == (date(2024, 3, 3), "date of the listing item 'Headline two'")
    assert article.anchor_date(article.text.index("1,204"))[0] == date(2024, 3, 12)


def test_unbulleted_listing_items_end_at_their_date_lines(tmp_path: Path) -> None:
    text = (
        "Home\nArchive\n\nFirst headline\n" + BODY + "\nMarch 12, 2024\n\n"
        "Second headline\nCouncil staff counted 512 benches in the parks of the district on Sunday morning.\n"
        "March 3, 2024\n"
    )
    article = read_text(tmp_path, text)
    assert [(item.title, item.published) for item in article.items] == [
        ("First headline", date(2024, 3, 12)),
        ("Second headline", date(2024, 3, 3)),
    ]
    assert article.text[article.items[0].start :].startswith("First headline")
    assert in_furniture(article, "Home") and in_furniture(article, "Archive")
    assert article.published is None


def test_hard_wrapped_listing_items_keep_their_first_item(tmp_path: Path) -> None:
    # A wrapped paragraph's first line alone looks like a title and its last like a fragment;
    # the block of lines is the paragraph, so the first item is not lost to the page's head.
    text = (
        "Harbour notes\n\nFerries on time\n\nThe port counted 4,120 ferry crossings in March, up a\nlittle, it said.\n\n"
        "March 12, 2024\n\nBenches counted\n\nCouncil staff counted 512 benches in the parks of the\ndistrict on Sunday.\n\n"
        "March 3, 2024\n"
    )
    article = read_text(tmp_path, text)
    assert [(item.title, item.published) for item in article.items] == [
        ("Ferries on time", date(2024, 3, 12)),
        ("Benches counted", date(2024, 3, 3)),
    ]
    assert not in_furniture(article, "4,120")


def test_listing_with_its_own_dateline_at_the_top(tmp_path: Path) -> None:
    text = (
        "Weekly digest\nMay 6, 2024\n\n- Item one\n" + BODY + "\nMay 1, 2024\n"
        "- Item two\nIt said 80 ferries ran on time during the first week of the new timetable.\nApril 28, 2024\n"
    )
    article = read_text(tmp_path, text)
    assert article.published == date(2024, 5, 6)
    assert [item.published for item in article.items] == [date(2024, 5, 1), date(2024, 4, 28)]


def test_article_with_a_dash_list_is_not_a_listing(tmp_path: Path) -> None:
    text = "Ferry traffic doubles\n\nMarch 12, 2024\n\n" + BODY + "\n\n- 48 ferries\n- 12 routes\n"
    article = read_text(tmp_path, text)
    assert article.items == ()
    assert article.published == date(2024, 3, 12)


# --- Markdown ----------------------------------------------------------------------------------


def test_markdown_front_matter_and_locations() -> None:
    path = DATA / "article.md"
    article = read_document(str(path))
    source = path.read_text(encoding="utf-8")
    assert (article.id, article.title, article.published) == ("ferry-traffic", "Ferry traffic doubles", date(2024, 5, 2))
    assert (article.publisher, article.url) == ("Harbour Weekly", "https://example.org/ferry")
    assert article.text.startswith("# Ferry traffic doubles on the north route")
    assert "**48,000 passengers**" in article.text
    assert_located(article, source, "48,000")
    assert_located(article, source, "12%")


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2024-05-02", date(2024, 5, 2)), ("2024-05-02 10:30:00", date(2024, 5, 2)), ("'May 2, 2024'", date(2024, 5, 2))],
)
def test_markdown_date_types(tmp_path: Path, value: str, expected: date) -> None:
    article = read_text(tmp_path, f"---\ndate: {value}\n---\n{BODY}\n", "a.md")
    assert article.published == expected


def test_markdown_without_front_matter(tmp_path: Path) -> None:
    source = "Intro line\n\n# The heading\n\n```\n# not a heading\n```\n" + BODY
    article = read_text(tmp_path, source, "plain.md")
    assert (article.id, article.title, article.text) == ("plain", "The heading", source)


@pytest.mark.parametrize(
    ("front", "where", "message"),
    [
        ("title: [unclosed\nid: x", (3, 3), "syntax error"),
        ("title: ok\ndate: 2024-02-30", (3, 7), "expected 'date' to be a date (YYYY-MM-DD), found '2024-02-30'"),
        ("title: ok\ndate: next week", (3, 7), "expected 'date' to be a date"),
        ("id: ../escape", (2, 5), "expected 'id'"),
        ("- a list", (2, 1), "mapping"),
        ("title:\n  nested: map", (3, 3), "expected 'title' to be text"),
        ("scope: [guangdong, zhejiang]", (2, 8), "expected 'scope' to be text"),
    ],
)
def test_markdown_bad_front_matter(tmp_path: Path, front: str, where: tuple[int, int], message: str) -> None:
    path = write(tmp_path, "bad.md", f"---\n{front}\n---\n{BODY}\n")
    with pytest.raises(DocumentError) as caught:
        read_document(path)
    assert (caught.value.path, (caught.value.line, caught.value.column)) == (path, where)
    assert message in caught.value.message


def test_markdown_and_html_give_the_article_scope(tmp_path: Path) -> None:
    """Front matter `scope:` and <meta name="factcheck:scope"> are the article's default scope."""
    markdown = read_document(write(tmp_path, "scoped.md", f"---\ntitle: t\nscope: Guangdong\n---\n{BODY}\n"))
    html = read_document(write(tmp_path, "scoped.html", '<html><head><meta name="factcheck:scope" content="zhejiang"></head><body><p>Police arrested 2,345 people.</p></body></html>'))
    plain = read_document(write(tmp_path, "plain.md", f"---\ntitle: t\n---\n{BODY}\n"))
    assert (markdown.scope, html.scope, plain.scope) == ("Guangdong", "zhejiang", None)


def test_markdown_unclosed_front_matter(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="front matter to end"):
        read_text(tmp_path, "---\ntitle: x\n" + BODY, "open.md")


# --- HTML --------------------------------------------------------------------------------------


def test_html_article_text_metadata_and_locations() -> None:
    path = DATA / "article.html"
    source = path.read_text(encoding="utf-8")
    article = read_document(str(path))
    assert article.title == "Bridge repairs finish early"
    assert (article.publisher, article.published, article.url) == ("City Paper", date(2024, 6, 18), "https://example.org/bridge")
    assert "Crews replaced 1,450 bolts & 36 cables in under five weeks, the city’s engineer said." in article.text
    assert "2.1 million" in article.text
    for dropped in ("Home", "77 other", "999", "var x", "color", "Copyright"):
        assert dropped not in article.text, dropped
    for needle in ("1,450", "36 cables", "under five", "engineer", "2.1 million"):
        assert_located(article, source, needle)
    # A decoded entity points at its "&".
    assert article.line_col(article.text.index("&")) == position(source, source.index("&amp;"))
    assert article.line_col(article.text.index("’")) == position(source, source.index("&#8217;"))


def html_doc(head: str = "", body: str = "") -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


@pytest.mark.parametrize(
    ("head", "body", "expected"),
    [
        ('<meta property="article:published_time" content="2024-01-02">', "", date(2024, 1, 2)),
        ('<script type="application/ld+json">{"datePublished": "2024-01-03"}</script>', "", date(2024, 1, 3)),
        ('<script type="application/ld+json">[{"@type": "X"}, {"datePublished": "2024-01-04T08:00Z"}]</script>', "", date(2024, 1, 4)),
        ('<script type="application/ld+json">{"@graph": [{"datePublished": "2024-01-05"}]}</script>', "", date(2024, 1, 5)),
        ("", '<time datetime="2020-01-01">x</time><article><time datetime="2024-01-06">Jan 6</time><p>t</p></article>', date(2024, 1, 6)),
        ('<meta name="date" content="2024-01-07">', "", date(2024, 1, 7)),
        ("", "<p>Ferry news</p><p>March 12, 2024</p><p>" + BODY + "</p>", date(2024, 3, 12)),
        ("", "<p>" + BODY + "</p>", None),
    ],
)
def test_html_published_sources(tmp_path: Path, head: str, body: str, expected: date | None) -> None:
    assert read_text(tmp_path, html_doc(head, body + "<p>text</p>"), "a.html").published == expected


def test_html_title_publisher_url_fallbacks(tmp_path: Path) -> None:
    ld = '<script type="application/ld+json">{"@graph": [{"publisher": {"@id": "#org"}}, {"@id": "#org", "name": "Org News"}]}</script>'
    head = f'<title>Page title</title><meta property="og:url" content="https://example.org/x">{ld}'
    article = read_text(tmp_path, html_doc(head, "<h1>Heading &amp; more</h1><p>text</p>"), "a.html")
    assert (article.title, article.publisher, article.url) == ("Heading & more", "Org News", "https://example.org/x")
    article = read_text(tmp_path, html_doc("<title> Page\n title </title>", "<p>text</p>"), "b.html")
    assert article.title == "Page title"


def test_html_invalid_json_ld_is_a_warning(tmp_path: Path) -> None:
    head = '<script type="application/ld+json">{"datePublished": </script>'
    article = read_text(tmp_path, html_doc(head, "<p>text</p>"), "a.html")
    assert article.published is None
    assert any("invalid JSON-LD" in warning for warning in article.warnings)


def test_html_main_region_else_body(tmp_path: Path) -> None:
    article = read_text(tmp_path, html_doc("", "<div>outside</div><main><p>inside</p></main>"), "a.html")
    assert article.text == "inside"
    article = read_text(tmp_path, html_doc("", "<div>one</div><div>two<br>three</div>"), "b.html")
    assert article.text == "one\n\ntwo\nthree"


def test_html_survives_broken_and_deep_markup(tmp_path: Path) -> None:
    broken = "<html><body><div><p>Unclosed <b>bold</div></span></p>\n<p>After 12 <i>stray</div> tags<div"
    article = read_text(tmp_path, broken, "broken.html")
    assert "Unclosed bold" in article.text and "After 12 stray tags" in article.text
    assert_located(article, broken, "12")
    deep = "<html><body>" + "<div>" * 10_000 + "Deep 42 text" + "</div>" * 9_000 + "</p></b>" * 1000
    article = read_text(tmp_path, deep, "deep.html")
    assert article.text.strip() == "Deep 42 text"
    assert_located(article, deep, "42")


def test_html_pre_keeps_whitespace(tmp_path: Path) -> None:
    source = html_doc("", "<pre>a  b\n  c 7</pre>")
    article = read_text(tmp_path, source, "a.html")
    assert article.text == "a  b\n  c 7"
    assert_located(article, source, "7")


# --- bad inputs, finding and reading many ------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.md", b" \n\t\n", "empty file"),
        ("binary.html", b"<p>\x00\x01</p>", "binary content"),
        ("scan.pdf", b"%PDF-1.4", "expected a document ending in one of"),
    ],
)
def test_bad_files(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = write(tmp_path, name, content)
    with pytest.raises(DocumentError) as caught:
        read_document(path)
    assert message in caught.value.message and caught.value.path == path and path in str(caught.value)


def test_latin1_is_read_as_windows_1252_with_a_warning(tmp_path: Path) -> None:
    path = write(tmp_path, "latin.txt", "Caf\u00e9 one\nna\u00efve two\n".encode("latin-1"))
    article = read_document(path)
    assert article.text == "Caf\u00e9 one\nna\u00efve two\n"
    assert article.warnings == ("not UTF-8 (byte 0xe9 at line 1, column 4); read as windows-1252",)
    _, encoding, warnings = decode_text("x.txt", "ok é\nna\u00efve".encode("utf-8")[:-4] + b"\xef!")
    assert (encoding, warnings) == ("windows-1252", ("not UTF-8 (byte 0xef at line 2, column 3); read as windows-1252",))


def test_missing_and_directory(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="no such file") as caught:
        read_document(str(tmp_path / "gone.txt"))
    assert caught.value.path == str(tmp_path / "gone.txt")
    with pytest.raises(DocumentError, match="found a directory"):
        read_document(str(tmp_path))


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads files without permission")
def test_unreadable_file(tmp_path: Path) -> None:
    path = write(tmp_path, "secret.txt", BODY)
    os.chmod(path, 0)
    with pytest.raises(DocumentError, match="permission denied"):
        read_document(path)


def test_unreadable_file_even_as_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    path = write(tmp_path, "secret.txt", BODY)
    with pytest.raises(DocumentError, match="permission denied") as caught, monkeypatch.context() as patch:
        patch.setattr(os, "open", refuse)  # every file is opened by factcheck.limits.read_capped
        read_document(path)
    assert caught.value.path == path


def test_find_documents_walks_sorted_and_reports_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("b/z.md", "b/a.HTML", "a.txt", "notes.pdf", ".hidden/x.txt", "c/.x.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(BODY)
    (tmp_path / "b" / "loop").symlink_to(tmp_path, target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    files, errors = find_documents(["b", ".", "missing.txt", "notes.pdf"])
    assert files == ["b/a.HTML", "b/z.md", "a.txt"]
    # Named but missing or not a document: refused, so that the command exits 2.
    assert [(error.path, type(error).__name__, error.message.split(",")[0]) for error in errors] == [
        ("missing.txt", "RefusedDocument", "expected a document file or directory"),
        ("notes.pdf", "RefusedDocument", "expected a document ending in one of .htm"),
    ]
    files, _ = find_documents(["./b/"])
    assert files == ["./b/a.HTML", "./b/z.md"]


def test_read_documents_keeps_the_good_ones(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "good.txt").write_text(BODY)
    (tmp_path / "docs" / "good.md").write_text("---\ntitle: T\n---\n" + BODY)
    (tmp_path / "docs" / "latin.txt").write_bytes("caf\u00e9".encode("latin-1"))
    (tmp_path / "docs" / "empty.html").write_bytes(b"")
    monkeypatch.chdir(tmp_path)
    articles, errors = read_documents(["docs", "nope.md"])
    assert [article.path for article in articles] == ["docs/good.md", "docs/good.txt", "docs/latin.txt"]
    assert sorted(str(error.path) for error in errors) == ["docs/empty.html", "nope.md"]


def test_registry() -> None:
    assert sorted(READERS) == [".htm", ".html", ".markdown", ".md", ".txt"]


# --- the seed corpus ---------------------------------------------------------------------------


def seed(seeds: Path, number: str) -> Article:
    (path,) = sorted(seeds.glob(f"{number}_*.txt"))
    return read_document(str(path))


def test_seed_000_listing(seeds: Path) -> None:
    article = seed(seeds, "000")
    assert [item.published for item in article.items] == [
        date(2024, 3, 12), date(2024, 3, 3), date(2024, 2, 24), date(2024, 2, 5), date(2023, 9, 12), date(2023, 3, 20),
    ]
    assert article.published is None
    for needle in ("Cyberspace Governance", "12309 Platform", "Back to top", "Copyright"):
        assert in_furniture(article, needle), needle
    assert not in_furniture(article, "1,976")


def test_seed_001(seeds: Path) -> None:
    article = seed(seeds, "001")
    assert (article.published, article.title) == (date(2021, 3, 30), "SPP Strengthens Cyberspace Governance")
    assert in_furniture(article, "You might also like")
    assert in_furniture(article, "May 1, 2024")
    assert not in_furniture(article, "140,000")


def test_seed_002(seeds: Path) -> None:
    article = seed(seeds, "002")
    assert article.published == date(2020, 4, 9)
    assert article.title == "SPP orders persistence in fight against online crimes"
    assert article.publisher == "China Daily"


def test_seed_003(seeds: Path) -> None:
    article = seed(seeds, "003")
    assert (article.published, article.title) == (None, None)


def test_seed_004(seeds: Path) -> None:
    assert seed(seeds, "004").published == date(2024, 3, 8)


def test_seeds_locate_every_word(seeds: Path) -> None:
    for path in sorted(seeds.glob("*.txt")):
        article = read_document(str(path))
        source = path.read_text(encoding="utf-8-sig")
        for match in re.finditer(r"\d[\d,.]*", article.text):
            assert article.line_col(match.start()) == position(source, match.start())


# --- any input ---------------------------------------------------------------------------------


# Pieces of markup and page text, so that generated inputs reach the readers' structure paths.
TOKENS = [
    "<p>", "</p>", "</div>", "<div>", "<article>", "<main>", "<nav>", "<pre>", "</pre>", "<br/>", "<h1>", "</h1>",
    "&amp;", "&#", "&#x110000;", "&nbsp;", "&bogus;", "<!--", "-->", "<![CDATA[", "<!DOCTYPE", "<?x", "<a b='",
    '<script type="application/ld+json">', "</script>", '<time datetime="2024-01-02">', '<meta property="og:title" content="',
    "---\n", "...\n", "title: ", "date: ", "id: ", "[", "\n", "\r\n", "\x0b", "\u2028", "# ", "  • ", "- ",
    "March 12, 2024\n", "Updated: ", "Copyright © ", "Back to top\n", "You might also like\n", BODY,
]
ANY_TEXT = st.one_of(st.text(), st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=4)), max_size=40).map("".join))


@settings(max_examples=300, deadline=None)
@given(text=ANY_TEXT, suffix=st.sampled_from(sorted(READERS)))
def test_readers_return_an_article_or_a_document_error(text: str, suffix: str) -> None:
    try:
        article = READERS[suffix](f"any{suffix}", text.encode("utf-8"))
    except DocumentError:
        return
    for offset in range(len(article.text) + 1):
        line, column = article.line_col(offset)
        assert line >= 1 and column >= 1
    source_map = article.source_map
    assert isinstance(source_map, SourceMap)
    for text_start, source_start, length, verbatim in source_map.pieces:
        if verbatim:  # a verbatim piece is a copy of the file, character for character
            assert article.text[text_start : text_start + length] == source_map.source[source_start : source_start + length]
    for start, end in article.furniture:
        assert 0 <= start < end <= len(article.text)
    for item in article.items:
        assert 0 <= item.start < item.end <= len(article.text)
