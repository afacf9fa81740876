"""Prompts under the GPT-4 Appendix A protocol, direct, free response and no-vision."""

from __future__ import annotations

from pathlib import Path

from examsim.models.types import ImagePart, TextPart
from examsim.packs import load_pack
from examsim.runner.form import draw_form
from examsim.runner.prompts import ANSWER_CUE, format_prompt, hidden_name, render_item_prompt
from tests.runner.conftest import write_mc_pack


def test_gpt4_protocol_shows_fewshot_with_gold_explanations(mini: Path) -> None:
    prompt = render_item_prompt(load_pack(mini), "mc-1")
    roles = [m.role for m in prompt.messages]
    assert roles == ["system", "user", "assistant", "user"]
    assert prompt.messages[0].plain_text.startswith("ANSWER KEY\nHere are the answers")
    assert "Choose the best answer to each question." in prompt.messages[0].plain_text
    assert prompt.messages[1].plain_text == (
        "Problem 1. What is 10 - 4?\n"
        "Choose from the following options: [A] 5 [B] 6 [C] 7 [D] 14"
    )
    assert prompt.messages[2].plain_text == (
        "Explanation for Problem 1: 10 - 4 = 6.\nThe answer is therefore [B]"
    )
    assert prompt.messages[3].plain_text.startswith("Problem 2. What is 2 + 3?")
    # Appendix A: explanation at 0.3, capped; answer read from it by default.
    assert (prompt.first.name, prompt.first.temperature, prompt.first.max_tokens) == (
        "explanation", 0.3, 512)
    assert prompt.first.stop == () and prompt.second is None


def test_model_answer_step_stops_the_explanation_and_asks_at_temperature_zero(
    mini: Path,
) -> None:
    prompt = render_item_prompt(load_pack(mini), "mc-4", answer_step="model")
    assert prompt.first.stop == (ANSWER_CUE,)
    assert prompt.second is not None
    assert (prompt.second.name, prompt.second.temperature) == ("answer", 0.0)
    follow = prompt.second_messages("Because 2 and 5 are prime.")
    assert follow[-2].role == "assistant"
    assert follow[-1].plain_text == (
        "State your final answer in exactly this form: The answer is therefore [X] "
        "(X is every correct letter, separated by commas, e.g. [A, C])."
    )


def test_passage_and_image_parts(mini: Path) -> None:
    pack = load_pack(mini)
    passage = render_item_prompt(pack, "mc-2").messages[-1].plain_text
    assert "Read the following passage.\n\nThe river rises in the hills" in passage
    parts = render_item_prompt(pack, "mc-3").messages[-1].parts
    images = [p for p in parts if isinstance(p, ImagePart)]
    assert len(images) == 1
    assert images[0].data == (mini / "assets" / "square.png").read_bytes()
    assert images[0].media_type == "image/png"
    assert isinstance(parts[0], TextPart) and isinstance(parts[-1], TextPart)


def test_no_vision_replaces_images_with_a_meaningless_name_and_alt_text(mini: Path) -> None:
    prompt = render_item_prompt(load_pack(mini), "mc-3", vision=False)
    last = prompt.messages[-1]
    assert not last.has_images
    name = hidden_name("assets/square.png")
    assert name.startswith("img-") and "square" not in name
    assert f"IMAGE: {name}\n(Description of the image: A small solid red square.)" in (
        last.plain_text)


def test_direct_protocol_asks_for_the_answer_alone(mini: Path) -> None:
    prompt = render_item_prompt(load_pack(mini), "sa-1", style="direct")
    assert prompt.messages[2].plain_text == "ANSWER: B"
    assert "ANSWER: X" in prompt.messages[0].plain_text
    assert "(X is a word or short phrase)" in prompt.messages[0].plain_text
    assert (prompt.first.name, prompt.first.temperature) == ("direct", 0.0)


def test_free_response_is_an_instruction_at_temperature_0_6(mini: Path) -> None:
    prompt = render_item_prompt(load_pack(mini), "essay-1")
    assert [m.role for m in prompt.messages] == ["system", "user"]
    assert prompt.messages[0].plain_text == "Answer in a short essay."
    assert prompt.messages[1].plain_text == "Explain why the sky looks blue on a clear day."
    assert (prompt.first.name, prompt.first.temperature, prompt.first.max_tokens) == (
        "response", 0.6, 2048)


def test_format_prompt_lists_messages_and_settings(mini: Path) -> None:
    text = format_prompt(render_item_prompt(load_pack(mini), "mc-3"))
    assert "--- user ---\nProblem 2. What colour is the square in the figure?\n" in text
    assert "[image assets/square.png (image/png)]" in text
    assert text.endswith("--- explanation: temperature 0.3, max tokens 512 ---")


def test_form_draws_are_seeded(tmp_path: Path) -> None:
    pack = load_pack(write_mc_pack(
        tmp_path, 12,
        section_extra="    item_order: shuffled\n    form: {draw: per_group, per_group: 2}\n"))
    first = draw_form(pack, 1)["mc"]
    assert draw_form(pack, 1)["mc"] == first
    assert len(first) == 6  # two from each of three groups
    groups = sorted(int(i[1:]) % 3 for i in first)
    assert groups == [0, 0, 1, 1, 2, 2]
    assert any(draw_form(pack, s)["mc"] != first for s in range(2, 8))


def test_random_draw_keeps_file_order(tmp_path: Path) -> None:
    pack = load_pack(write_mc_pack(tmp_path, 10,
                                   section_extra="    form: {draw: random, count: 4}\n"))
    drawn = draw_form(pack, 3)["mc"]
    assert len(drawn) == 4
    assert drawn == sorted(drawn, key=lambda i: int(i[1:]))


def test_materials_and_passage_of_a_free_response(tmp_path: Path) -> None:
    pack = tmp_path / "fr"
    (pack / "items").mkdir(parents=True)
    (pack / "exam.yaml").write_text(
        "id: fr\nname: FR\nprovenance: original\ndescription: d\nfewshot: null\n"
        "sections:\n  - id: task\n    name: Task\n    format: free_response\n"
        "    items: items/task.yaml\n    instructions: Write the memo.\n"
        "    protocol: {free_response_temperature: 0.5, max_response_tokens: 900}\n")
    (pack / "items" / "task.yaml").write_text(
        "passages:\n  facts: The client sold a horse.\n"
        "items:\n  - id: t1\n    type: free_response\n    passage: facts\n"
        "    stem: Draft the memo.\n"
        "    materials:\n      - {title: 'File: Letter', body: 'Dear partner, ...'}\n"
        "      - {title: 'Library: Statute 12', body: 'A sale is final.'}\n"
        "    rubric: {kind: holistic, min: 1, max: 6}\n    reference_answer: A memo.\n")
    prompt = render_item_prompt(load_pack(pack), "t1")
    assert prompt.messages[-1].plain_text == (
        "## File: Letter\n\nDear partner, ...\n\n"
        "## Library: Statute 12\n\nA sale is final.\n\n"
        "Read the following passage.\n\nThe client sold a horse.\n\n"
        "Draft the memo."
    )
    assert (prompt.first.temperature, prompt.first.max_tokens) == (0.5, 900)
