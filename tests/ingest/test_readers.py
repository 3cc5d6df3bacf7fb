from __future__ import annotations

import json

import pytest

from newskg.errors import InputError
from newskg.ingest import Overrides, discover, read_articles
from tests.helpers import write


def test_plain_text_with_headline_and_byline(tmp_path):
    path = write(
        tmp_path / "harbour.txt",
        "Harbour workers end strike in Portsmouth\nBy Jane Roe\n"
        "Dock workers   returned to work on Monday.\r\n\r\n\r\nThe union said talks went well.",
    )
    [article] = read_articles(path)
    assert article.id == "harbour"
    assert article.headline == "Harbour workers end strike in Portsmouth"
    assert article.author == "Jane Roe"
    # whitespace normalized, CRLF folded, at most one empty line
    assert (
        article.text
        == "Dock workers returned to work on Monday.\n\nThe union said talks went well."
    )


def test_plain_text_without_preamble_keeps_first_sentence(tmp_path):
    path = write(tmp_path / "a.txt", "On Monday, the council met in Leeds.\nIt voted twice.")
    [article] = read_articles(path)
    assert article.headline is None
    assert article.text.startswith("On Monday, the council met")


def test_outlet_pipe_author_byline(tmp_path):
    path = write(
        tmp_path / "b.txt", "Ferry service resumes\nCoast Times | Ana Lima\nBody text here."
    )
    [article] = read_articles(path)
    assert (article.outlet, article.author) == ("Coast Times", "Ana Lima")


def test_front_matter(tmp_path):
    path = write(
        tmp_path / "c.md",
        "---\ntitle: Rail link opens\noutlet: Daily Post\nauthor: Sam Poe\npublished: 2024-03-09\n"
        "url: https://example.org/rail\nlanguage: en\n---\nThe new rail link opened in Turin.",
    )
    [article] = read_articles(path)
    assert article.headline == "Rail link opens"
    assert article.published == "2024-03-09"
    assert article.url == "https://example.org/rail"
    assert article.text == "The new rail link opened in Turin."


def test_partial_publication_date_and_options_that_fill_in_or_override(tmp_path):
    path = write(tmp_path / "d.md", "---\npublished: 2024-03\noutlet: X\n---\nText.")
    bare = write(tmp_path / "e.md", "Text.")
    options = Overrides(outlet="Evening Star", published="2025-05")
    [article] = read_articles(path, options)
    assert (article.published, article.outlet) == ("2024-03", "X")  # the file's own
    [article] = read_articles(bare, options)
    assert (article.published, article.outlet) == ("2025-05", "Evening Star")  # filled in
    replacing = Overrides(outlet="Evening Star", published="2025-05", replace=True)
    [article] = read_articles(path, replacing)
    assert (article.published, article.outlet) == ("2025-05", "Evening Star")


def test_json_object_list_and_jsonl(tmp_path):
    one = write(tmp_path / "one.json", json.dumps({"id": "x-1", "text": "A text.", "title": "T"}))
    many = write(tmp_path / "many.json", json.dumps([{"text": "First."}, {"text": "Second."}]))
    lines = write(tmp_path / "lines.jsonl", '{"text": "One."}\n\n{"id": "two", "text": "Two."}\n')
    assert [a.id for a in read_articles(one)] == ["x-1"]
    assert [a.text for a in read_articles(many)] == ["First.", "Second."]
    assert [a.id for a in read_articles(lines)] == ["lines-1", "two"]


def test_html_main_text(tmp_path):
    page = (
        "<html><head><title>Bridge reopens</title><script>alert(1)</script></head><body>"
        "<nav>Home | News | Sport</nav><article><h1>Bridge reopens</h1>"
        + "<p>The old bridge in Porto reopened to traffic on Friday after two years of repairs, "
        "the city engineer Marta Silva said at a ceremony attended by residents.</p>"
        * 3
        + "</article><footer>Copyright</footer></body></html>"
    )
    [article] = read_articles(write(tmp_path / "bridge.html", page))
    assert "reopened to traffic" in article.text
    assert "alert(1)" not in article.text


def test_discover_skips_hidden_and_unknown(tmp_path):
    write(tmp_path / "a.txt", "x")
    write(tmp_path / "notes.docx", "x")
    write(tmp_path / ".hidden" / "b.txt", "x")
    write(tmp_path / "sub" / "c.json", "{}")
    assert [p.name for p in discover([tmp_path])] == ["a.txt", "c.json"]


@pytest.mark.parametrize(
    "name, content, problem",
    [
        ("empty.txt", "", "file is empty"),
        ("blank.txt", "  \n\n ", "file is empty"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "binary file"),
        ("latin1.txt", "Caf\u00e9 opens".encode("latin-1"), "not UTF-8 text (byte 0xE9"),
        ("truncated.json", '{"text": "cut off', "invalid JSON at line 1"),
        ("nested.json", "[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ("notext.json", '{"title": "no body"}', "missing or empty 'text'"),
        ("broken.md", "---\ntitle: [unclosed\n---\nBody", "broken front matter"),
        ("unclosed.md", "---\ntitle: x\nBody without end", "no closing '---'"),
        ("baddate.md", "---\npublished: 12/03/2024\n---\nBody", "invalid publication date"),
        ("badid.json", '{"id": "../../etc/passwd", "text": "x"}', "invalid article id"),
        ("script.html", "<html><script>var a=1;</script></html>", "no article text found"),
        ("notes.docx", "x", "unsupported file type"),
    ],
)
def test_bad_input_names_file_and_problem(tmp_path, name, content, problem):
    path = write(tmp_path / name, content)
    with pytest.raises(InputError) as info:
        read_articles(path)
    message = str(info.value)
    assert message.startswith(str(path))
    assert problem in message
    assert "\n" not in message


def test_very_large_file_is_refused(tmp_path):
    path = write(tmp_path / "huge.txt", "word " * 300_000)
    with pytest.raises(InputError, match="over the 1.0 MB limit"):
        read_articles(path, max_bytes=1_000_000)


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_articles(tmp_path / "nope.txt")


def test_yaml_alias_bomb_in_front_matter_is_refused(tmp_path):
    bomb = "a: &a ['x','x','x','x','x','x','x','x','x']\n" + "".join(
        f"{c}: &{c} [*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p}]\n"
        for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    )
    path = write(tmp_path / "bomb.md", f"---\n{bomb}title: *i\n---\nA council met.\n")
    with pytest.raises(InputError, match="aliases"):
        read_articles(path)


def test_oversized_metadata_value_is_refused(tmp_path):
    path = write(tmp_path / "long.md", f"---\ntitle: {'x' * 5000}\n---\nA council met.\n")
    with pytest.raises(InputError, match="'title' is 5,000 characters"):
        read_articles(path)


def test_a_long_body_is_not_metadata_in_json_and_jsonl(tmp_path):
    """The metadata cap applies to headline, outlet and the like, never to the text: a
    feature article of 20,000 characters reads from .json and .jsonl alike."""
    body = "The council met on Monday. " * 750
    record = {"id": "long-read", "title": "A long read", "text": body}
    for name, content in (
        ("one.json", json.dumps(record)),
        ("many.jsonl", json.dumps(record) + "\n" + json.dumps({**record, "id": "again"})),
    ):
        articles = read_articles(write(tmp_path / name, content))
        assert articles and all(len(a.text) > 19_000 for a in articles)
    with pytest.raises(InputError, match="'title' is 5,000 characters"):
        read_articles(write(tmp_path / "bad.json", json.dumps({**record, "title": "x" * 5000})))


def test_one_bad_jsonl_line_fails_alone_with_its_line_number(tmp_path):
    from newskg.errors import PartlyRead

    lines = [json.dumps({"id": f"a{i}", "text": f"Council {i} met."}) for i in range(1000)]
    lines[500] = "{broken"
    path = write(tmp_path / "many.jsonl", "\n".join(lines))
    with pytest.raises(PartlyRead) as err:
        read_articles(path)
    assert len(err.value.articles) == 999
    assert [where for where, _ in err.value.problems] == [f"{path} line 501"]


def test_links_inside_an_input_folder_are_not_followed(tmp_path):
    folder = tmp_path / "in"
    write(folder / "real.txt", "A council met.")
    secret = write(tmp_path / "secret.txt", "Not an article.")
    (folder / "link.txt").symlink_to(secret)
    (folder / "inner.txt").symlink_to(folder / "real.txt")
    assert [p.name for p in discover([folder])] == ["real.txt"]
    assert [p.name for p in discover([folder], follow_links=True)] == ["inner.txt", "real.txt"]


def test_nul_bytes_anywhere_and_bidi_controls_are_handled_alike(tmp_path):
    late_nul = write(tmp_path / "late.txt", ("A council met. " * 1000 + "\x00").encode())
    with pytest.raises(InputError, match="NUL"):
        read_articles(late_nul)
    bidi = write(tmp_path / "bidi.md", "---\ntitle: Doe\u202egnp.exe\n---\nJane Doe\u202egnp met.")
    [article] = read_articles(bidi)
    assert "\u202e" not in article.headline and "\u202e" not in article.text


def test_an_unexpected_reader_failure_is_one_line_for_that_file(tmp_path, monkeypatch):
    from newskg import ingest

    def broken(text, path, overrides):
        raise ImportError("lxml.html.clean module is now a separate project")

    monkeypatch.setitem(ingest.READERS, ".html", broken)
    path = write(tmp_path / "page.html", "<html><body><p>A council met.</p></body></html>")
    with pytest.raises(InputError, match="cannot read: ImportError"):
        read_articles(path)
