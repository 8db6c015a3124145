"""Bytes to text: the stated fallback, its warning, and offsets that point into the decoded text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.documents import READERS, decode_text
from factcheck.documents.html import declared_charset
from factcheck.errors import DocumentError

CLAIM = "In 2023, 51,000 people were prosecuted for telecom fraud."


@pytest.mark.parametrize(
    ("raw", "encoding", "warnings"),
    [
        ("caf\u00e9 5".encode(), "utf-8", ()),
        (b"\xef\xbb\xbfcaf\xc3\xa9 5", "utf-8", ()),
        ("caf\u00e9 5".encode("utf-16-le").join([b"\xff\xfe", b""]), "utf-16", ()),
        ("caf\u00e9 5".encode("utf-16"), "utf-16", ()),
        ("caf\u00e9 5".encode("utf-32"), "utf-32", ()),
        (b"\xfe\xff\x00c\x00a\x00f\x00\xe9", "utf-16", ()),
        ("\u201ccaf\u00e9\u201d 5".encode("cp1252"), "windows-1252", ("not UTF-8 (byte 0x93 at line 1, column 1); read as windows-1252",)),
        (b"ok\ncaf\xe9 \x81", "latin-1", ("not UTF-8 (byte 0xe9 at line 2, column 4); read as latin-1",)),
    ],
)
def test_the_fallback_order(raw: bytes, encoding: str, warnings: tuple[str, ...]) -> None:
    decoded = decode_text("x.txt", raw)
    assert (decoded.encoding, decoded.warnings) == (encoding, warnings)
    assert "caf" in decoded.text and not decoded.text.startswith("\ufeff")


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "expected some text, found an empty file"),
        ("\u3000\n".encode(), "expected some text, found an empty file"),
        (b"\xff\xfe", "expected some text, found an empty file"),
        (b"abc\n\x00def", "expected text, found binary content (a NUL byte at line 2)"),
        ("a\nb\x00".encode("utf-16"), "expected text, found binary content (a NUL character at line 2)"),
        (b"\xff\xfea\x00b", "expected UTF-16 text after its byte order mark, found an invalid sequence at byte 4"),
        (b"\x00\x00\xfe\xff\x00\x11\x00\x00", "expected UTF-32 text after its byte order mark, found an invalid sequence at byte 4"),
    ],
)
def test_what_is_not_text(raw: bytes, message: str) -> None:
    with pytest.raises(DocumentError) as caught:
        decode_text("x.txt", raw)
    assert caught.value.message == message and caught.value.path == "x.txt"


def test_a_page_that_declares_its_charset_is_read_in_it_without_a_guess() -> None:
    page = f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=GB2312"></head><body><p>电信诈骗 {CLAIM}</p></body></html>'
    article = READERS[".html"]("page.html", page.encode("gbk"))
    assert article.text == f"电信诈骗 {CLAIM}" and article.warnings == ()
    assert article.line_col(article.text.index("51,000")) == (1, page.index("51,000") + 1)


@pytest.mark.parametrize(
    ("head", "declared"),
    [
        (b"<meta charset=utf-8>", "utf-8"),
        (b"<META CHARSET='Shift_JIS'>", "Shift_JIS"),
        (b'<meta content="text/html; charset=windows-1251" http-equiv="Content-Type">', "windows-1251"),
        (b"<p>charset=gbk</p>", None),  # only in a <meta>
        (b" " * 1100 + b"<meta charset=gbk>", None),  # only in the first 1,024 bytes, as browsers look
    ],
)
def test_declared_charset(head: bytes, declared: str | None) -> None:
    assert declared_charset(head) == declared


@pytest.mark.parametrize("name", ["utf-16", "unicode_escape", "rot13", "x-made-up", "idna"])
def test_a_declared_charset_cannot_ask_for_a_codec_that_rewrites_text(name: str) -> None:
    raw = f"<meta charset={name}><p>caf\xe9 \\n 5</p>".encode("latin-1")
    decoded = decode_text("p.html", raw, name)
    assert decoded.encoding == "windows-1252" and "\\n" in decoded.text and len(decoded.warnings) == 1


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html"])
@pytest.mark.parametrize("encoding", ["cp1252", "utf-16-le", "utf-16-be", "utf-32", "utf-8-sig"])
def test_a_claims_line_and_column_point_at_it_in_any_encoding(suffix: str, encoding: str) -> None:
    from factcheck.extract import ClaimExtractor
    from factcheck.vocabulary import load_vocabulary

    from cli_runs import RULES  # type: ignore[import-not-found]

    body = f"\u201cCaf\u00e9 owners\u201d said \u2013 on March 9, 2024 \u2013 that\n\u00bd of them agree. {CLAIM}\n"
    source = {".txt": body, ".md": f"---\ntitle: T\u00e9st\ndate: 2024-03-09\n---\n{body}", ".html": f"<p>\u00e9 &amp; \u00e9</p>\n<p>{body}</p>"}[suffix]
    bom = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}.get(encoding, b"")
    article = READERS[suffix](f"a{suffix}", bom + source.encode(encoding))
    (claim,) = ClaimExtractor(load_vocabulary([str(RULES)])).extract(article)
    line = source.split("\n")[claim.line - 1]
    assert line[claim.column - 1 :].startswith("51,000 people"), (claim.line, claim.column, line)
    assert bool(article.warnings) == (encoding == "cp1252")


@settings(max_examples=150, deadline=None)
@given(text=st.text(min_size=1).filter(lambda text: text.strip() and "\x00" not in text), encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]))
def test_unicode_encodings_with_a_mark_round_trip(text: str, encoding: str) -> None:
    assert decode_text("x.txt", text.encode(encoding)).text == text


@settings(max_examples=150, deadline=None)
@given(text=st.text(st.characters(codec="cp1252", exclude_characters="\x00"), min_size=1))
def test_windows_1252_text_comes_back_as_written(text: str) -> None:
    raw = text.encode("cp1252")
    if not text.strip() or raw.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        return
    decoded = decode_text("x.txt", raw)
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        assert (decoded.text, decoded.encoding) == (text, "windows-1252") and decoded.warnings
    else:  # ASCII, or bytes that happen to be UTF-8 too: UTF-8 wins, silently
        assert decoded.encoding == "utf-8" and not decoded.warnings


@settings(max_examples=200, deadline=None)
@given(raw=st.binary(max_size=300))
def test_any_bytes_are_text_or_a_document_error(raw: bytes) -> None:
    try:
        decoded = decode_text("x.txt", raw)
    except DocumentError as exc:
        assert exc.path == "x.txt" and exc.message.startswith("expected")
        return
    assert decoded.text.strip() and "\x00" not in decoded.text
