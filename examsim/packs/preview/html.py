"""The paper as one standalone HTML file: images embedded, styled for printing."""

from __future__ import annotations

import base64
import html
import mimetypes

from examsim.packs.exporters.markup import markdown_to_html
from examsim.packs.preview.paper import Paper, PaperQuestion

_STYLE = """
body { font-family: Georgia, 'Times New Roman', serif; max-width: 46em; margin: 2em auto;
       line-height: 1.45; color: #111; }
h1 { margin-bottom: 0.2em; } .subtitle { color: #444; margin-top: 0; }
section.exam-section { break-before: page; }
section.exam-section:first-of-type { break-before: auto; }
.conditions { font-size: 0.95em; color: #333; } .instructions { border-left: 3px solid #999;
  padding-left: 0.8em; }
.question { break-inside: avoid; margin: 1.4em 0; } .qhead { font-weight: bold; }
.points { font-weight: normal; color: #555; font-size: 0.9em; }
ol.choices { list-style: upper-alpha; } .passage { background: #f4f4f4; padding: 0.6em 1em; }
figure img { max-width: 100%; } figcaption { font-size: 0.85em; color: #555; }
.material { border: 1px solid #bbb; padding: 0.5em 1em; margin: 0.6em 0; }
.key { border: 1px dashed #2a6; background: #f3fbf5; padding: 0.5em 1em; margin-top: 0.5em; }
.space { color: #555; font-style: italic; }
@media print { body { margin: 0; max-width: none; } }
"""


def _image_tag(question: PaperQuestion) -> str:
    parts = []
    for image in question.images:
        data = base64.b64encode(image.path.read_bytes()).decode("ascii")
        mime = mimetypes.guess_type(image.path.name)[0] or "application/octet-stream"
        alt = html.escape(image.alt)
        parts.append(f'<figure><img src="data:{mime};base64,{data}" alt="{alt}">'
                     f"<figcaption>{alt}</figcaption></figure>")
    return "".join(parts)


def _question(q: PaperQuestion) -> str:
    out = []
    if q.passage:
        out.append(f'<div class="passage">{markdown_to_html(q.passage)}</div>')
    out.append(f'<div class="question" id="{html.escape(q.id)}">')
    out.append(f'<div class="qhead">{q.number}. <span class="points">({q.points:g} '
               f'point{"s" if q.points != 1 else ""})</span></div>')
    out.append(markdown_to_html(q.stem))
    out.append(_image_tag(q))
    for title, body in q.materials:
        out.append(f'<div class="material"><h4>{html.escape(title)}</h4>'
                   f"{markdown_to_html(body)}</div>")
    if q.choices:
        out.append('<ol class="choices">' + "".join(
            f"<li>{markdown_to_html(text)}</li>" for _, text in q.choices) + "</ol>")
    if q.answer_space:
        out.append(f'<p class="space">{html.escape(q.answer_space)}</p>')
    if q.key is not None:
        key = q.key
        body = f"<p><strong>Answer:</strong> {html.escape(key.answer)}</p>"
        if key.explanation:
            body += markdown_to_html(key.explanation)
        if key.rubric:
            body += "<p><strong>Rubric:</strong></p><pre>" + html.escape(
                "\n".join(key.rubric)) + "</pre>"
        if key.notes:
            body += "<p><strong>Grader notes:</strong></p>" + markdown_to_html(key.notes)
        out.append(f'<div class="key">{body}</div>')
    out.append("</div>")
    return "\n".join(out)


def render_html(paper: Paper) -> str:
    """A complete HTML document for the paper."""
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           f"<title>{html.escape(paper.title)}</title><style>{_STYLE}</style></head><body>",
           f"<h1>{html.escape(paper.title)}</h1>",
           f'<p class="subtitle">{html.escape(paper.subtitle)}</p>']
    for section in paper.sections:
        out.append(f'<section class="exam-section" id="section-{html.escape(section.id)}">')
        out.append(f"<h2>{html.escape(section.name)}</h2>")
        out.append(f'<p class="conditions">{html.escape(" · ".join(section.conditions))}</p>')
        out.append(f'<div class="instructions">{markdown_to_html(section.instructions)}</div>')
        out += [_question(q) for q in section.questions]
        out.append("</section>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"
