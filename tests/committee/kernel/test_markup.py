"""The inline markup of drafted texts, whatever a text holds."""

from committee.kernel.markup import parse, plain


def test_notes_nested_deeper_than_any_text_needs_are_kept_as_written():
    text = "Word" + "[^" * 5_000 + "deep" + "]" * 5_000

    segments = parse(text)

    (word, note) = segments
    assert word.text == "Word"
    written = "".join(segment.text for segment in note.footnote)
    assert written.startswith("[^" * 10)  # past the depth of notes in notes, as written
    assert "deep" in written
    assert plain("a [^note [^inner] end] b") == "a  b"


def test_unclosed_markers_at_the_length_limit_stay_as_written():
    for text in ("[^" * 10_000, "[^a " * 5_000, "\\" * 20_000):
        assert "".join(segment.text for segment in parse(text)) == text.replace("\\\\", "\\")
