"""Plain text and the pages' rich text, both ways: paragraphs of an import cell become description blocks,
and a description becomes plain text again for the export."""

import html
import re
import uuid

from django.utils.html import escape, strip_tags

PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
BLOCK_END = re.compile(r"</(p|h[1-6]|li|blockquote)>|<br\s*/?>", re.IGNORECASE)


def text_to_paragraphs(text):
    """Plain text split at blank lines; single line breaks stay inside a paragraph."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [paragraph.strip() for paragraph in PARAGRAPH_BREAK.split(text) if paragraph.strip()]


def paragraph_html(paragraph):
    """The inner HTML of one paragraph: escaped text, line breaks as <br/>."""
    return "<br/>".join(escape(line.strip()) for line in paragraph.split("\n"))


def description_blocks(paragraphs):
    return [
        {"type": "paragraph", "value": f"<p>{paragraph_html(text)}</p>", "id": str(uuid.uuid4())}
        for text in paragraphs
    ]


def html_to_text(value):
    """Rich text as plain text: paragraphs separated by blank lines, <br> as a line break."""
    text = BLOCK_END.sub(lambda match: "\n" if match.group(0).lower().startswith("<br") else "\n\n", value)
    text = html.unescape(strip_tags(text))
    lines = "\n".join(line.strip() for line in text.split("\n"))
    return "\n\n".join(text_to_paragraphs(lines))


def stream_to_text(stream_value):
    """The text of a description StreamField: paragraphs, headings and quotes; other blocks are skipped."""
    parts = []
    for block in stream_value.raw_data:
        value = block.get("value")
        if block.get("type") == "paragraph" and isinstance(value, str):
            parts.append(html_to_text(value))
        elif block.get("type") in ("heading", "quote") and isinstance(value, dict):
            parts.append(str(value.get("text") or "").strip())
    return "\n\n".join(part for part in parts if part)
