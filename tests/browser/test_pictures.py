"""The README's pictures, one per labeling type, made by acting like a person in a real
JupyterLab (issue 16 item 3).

Each test opens a notebook with a small realistic config and data, puts the widget in a telling
state with the mouse and keyboard, checks that state reached the kernel and is on screen, then
screenshots only the widget and checks the picture is not blank and is small
(``pictures.take``); most then submit and check the DataFrame. In CI the pictures go to a
temporary directory; to regenerate the committed ones in ``docs/img/``::

    python -m pytest tests/browser/test_pictures.py --pictures=docs/img

The scenes (images, audio, dialogues) are generated here, so nothing is drawn by hand.
"""

from __future__ import annotations

import re
from pathlib import Path

from tests.browser import picture_scenes as scenes
from tests.browser.helpers import Editor, click_char, drag, open_notebook
from tests.browser.pictures import PICTURES, Recorder, take

ROOT = Path(__file__).resolve().parents[2]


def until(lab, expr):
    """``expr``'s value once it is truthy in the kernel; generous, for a loaded CI machine."""
    return lab.wait_until_kernel(expr, timeout=30)


def open_scene(lab, name, source, widget=".lw-annotator"):
    """Open and run a scene's notebook with JupyterLab's file browser folded away and the
    cell's code hidden: the widget has a reader's width and sits wholly on screen (a drag
    that scrolls the page on its way misses its target)."""
    page = open_notebook(lab, name, source)
    page.evaluate("async () => { window.jupyterapp.shell.collapseLeft();"
                  " await window.jupyterapp.commands.execute('notebook:hide-all-cell-code'); }")
    page.wait_for_function(f"() => document.querySelector('{widget}')"
                           ".getBoundingClientRect().width > 700"
                           f" && document.querySelector('{widget}')"
                           ".getBoundingClientRect().top < 200")
    return page


def shoot(lab, pictures_dir, name, selector=".lw-annotator"):
    assert name in PICTURES
    return take(lab.page, lab.page.locator(selector).first, pictures_dir / f"{name}.png")


def test_the_readme_shows_every_picture_and_docs_img_holds_only_them():
    """Every picture made here (and the one animation) is committed and shown in the README,
    and nothing else is."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = re.findall(r"\(docs/img/([\w-]+)\.png\)", readme)
    assert sorted(shown) == sorted(PICTURES)
    assert sorted(p.stem for p in (ROOT / "docs" / "img").glob("*.png")) == sorted(PICTURES)
    animated = re.findall(r"\(docs/img/([\w-]+)\.gif\)", readme)
    assert animated == [p.stem for p in (ROOT / "docs" / "img").glob("*.gif")] == ["image-boxes"]
    made = re.findall(r'shoot\(lab, pictures_dir, "([\w-]+)"', Path(__file__).read_text())
    assert sorted(made) == sorted(PICTURES)


def test_text_classification(picture_lab, pictures_dir):
    lab = picture_lab
    page = open_scene(lab, "pic_classification.ipynb", scenes.REVIEWS)
    page.locator(".lw-annotator .lw-text").click()
    page.keyboard.press("3")  # r001 praises and blames: Mixed
    page.keyboard.press("Enter")
    assert until(lab, "ann.df['sentiment'].iloc[0]") == "Mixed"
    page.wait_for_function("() => document.querySelector('.lw-annotator .lw-text')"
                           ".textContent.startsWith('Battery lasts')")
    page.locator('.lw-option[data-value="Positive"]').click()
    assert until(lab, "ann.values['sentiment']") == "Positive"
    page.wait_for_selector('.lw-option.lw-on[data-value="Positive"]')
    page.wait_for_selector(".lw-state")
    shoot(lab, pictures_dir, "text-classification")


def label_phrases(lab, obj, phrases):
    """Drag over each (phrase, hotkey) of ``obj``'s text, then press the label's hotkey."""
    text = lab.kernel_eval_json(f"ann.df['{obj}'].iloc[0]")
    for phrase, key in phrases:
        at = text.index(phrase)
        drag(lab.page, obj, at, at + len(phrase))
        lab.page.keyboard.press(key)
    return text


def test_ner_spans(picture_lab, pictures_dir):
    lab = picture_lab
    page = open_scene(lab, "pic_ner.ipynb", scenes.NER)
    phrases = [("Maria Lopez", "p"), ("Lisbon", "l"), ("Air Canada", "o"), ("Toronto", "l"),
               ("Monday", "d")]
    label_phrases(lab, "text", phrases)
    spans = until(lab, "len(ann.values['ner'] or []) == 5 and "
                                  "[(s['text'], s['labels']) for s in ann.values['ner']]")
    assert sorted(spans) == [["Air Canada", ["ORG"]], ["Lisbon", ["LOC"]],
                             ["Maria Lopez", ["PER"]], ["Monday", ["DATE"]],
                             ["Toronto", ["LOC"]]]
    page.wait_for_function("document.querySelectorAll('.lw-span-row').length === 5")
    shoot(lab, pictures_dir, "ner-spans")
    page.keyboard.press("Enter")
    assert len(until(lab, "ann.df.at['n1', 'ner']")) == 5


def link(lab, text, source, target, label, row):
    """Select span ``source``, press Link, click span ``target``; label the new relation."""
    page = lab.page
    click_char(page, "text", text.index(source) + 1)
    page.locator(".lw-rel-link").click()
    page.wait_for_selector(".lw-relations.lw-picking")
    click_char(page, "text", text.index(target) + 1)
    page.locator(".lw-rel-row").nth(row).wait_for()
    page.locator(".lw-rel-row").nth(row).locator(".lw-rel-label", has_text=label).click()


def test_relations(picture_lab, pictures_dir):
    lab = picture_lab
    page = open_scene(lab, "pic_relations.ipynb", scenes.RELATIONS)
    text = label_phrases(lab, "text", [("Maria Lopez", "p"), ("Acme Robotics", "o"),
                                       ("Lisbon", "l")])
    link(lab, text, "Maria Lopez", "Acme Robotics", "works_for", 0)
    link(lab, text, "Acme Robotics", "Lisbon", "based_in", 1)
    page.keyboard.press("Escape")
    page.wait_for_function("document.querySelector('.lw-rel-layer').dataset.arrows === '2'")
    rels = until(lab,
        "len(ann.values['relations'] or []) == 2 and all(r['labels'] for r in "
        "ann.values['relations']) and sorted(r['labels'][0] for r in ann.values['relations'])")
    assert rels == ["based_in", "works_for"]
    shoot(lab, pictures_dir, "relations")
    page.keyboard.press("Enter")
    assert len(until(lab, "ann.df.at['r1', 'relations']")) == 2


def test_image_boxes(picture_lab, pictures_dir):
    """Also recorded as an animation: each box drawn with the mouse, frame by frame."""
    lab = picture_lab
    page = open_scene(lab, "pic_boxes.ipynb", scenes.IMAGE_BOXES)
    page.wait_for_function("() => document.querySelector('.lw-regions')?.dataset.view")
    ed = Editor(lab)
    ed.focus()
    film = Recorder(page, page.locator(".lw-annotator").first)
    film.frame(700)
    for key, a, b in [("c", (70, 250), (250, 335)), ("b", (330, 150), (600, 330)),
                      ("p", (262, 205), (302, 320))]:
        page.keyboard.press(key)
        page.mouse.move(*ed.at(*a))
        page.mouse.down()
        for t in (0.25, 0.5, 0.75, 1):
            page.mouse.move(*ed.at(a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])), steps=3)
            film.frame()
        page.mouse.up()
        film.frame(500)
    boxes = until(lab, "len(editor.value['boxes']) == 3 and editor.value['boxes']")
    assert sorted(b["rectanglelabels"][0] for b in boxes) == ["Bus", "Car", "Person"]
    ed.click(460, 240)  # select the bus: its handles show
    page.locator(".lw-region-item.lw-on", has_text="Bus").wait_for()
    film.frame(2500)
    shoot(lab, pictures_dir, "image-boxes")
    film.save(pictures_dir / "image-boxes.gif")
    page.keyboard.press("Escape")
    page.keyboard.press("Enter")
    assert len(until(lab, "ann.df.at['street', 'boxes']")) == 3


def test_polygons_keypoints(picture_lab, pictures_dir):
    lab = picture_lab
    page = open_scene(lab, "pic_shapes.ipynb", scenes.IMAGE_SHAPES)
    page.wait_for_function("() => document.querySelector('.lw-regions')?.dataset.view")
    ed = Editor(lab)
    ed.focus()
    page.keyboard.press("r")
    road = [(250, 233), (390, 233), (634, 396), (6, 396)]
    for p in road:
        ed.click(*p)
    ed.click(*road[0])  # the first point again closes the polygon
    page.keyboard.press("Escape")
    page.keyboard.press("w")
    lake = [(474, 264), (520, 244), (590, 243), (627, 264), (590, 289), (520, 290)]
    for p in lake:
        ed.click(*p)
    page.keyboard.press("Enter")  # Enter closes the polygon (it does not submit)
    page.keyboard.press("Escape")
    page.keyboard.press("t")
    for p in [(95, 130), (560, 150)]:  # the crowns
        ed.click(*p)
    v = until(lab, "(lambda v: len(v['areas'] or []) == 2 and len(v['points'] or []) == 2"
                   " and v)(editor.value)")
    assert sorted(a["polygonlabels"][0] for a in v["areas"]) == ["Road", "Water"]
    assert sorted(len(a["points"]) for a in v["areas"]) == [4, 6]
    ed.next_frame()
    shoot(lab, pictures_dir, "polygons-keypoints")
    page.keyboard.press("Escape")
    page.keyboard.press("Enter")
    assert len(until(lab, "ann.df.at['park', 'points']")) == 2


def draw_segment(page, canvas, start, end, key):
    box = canvas.bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * start, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * end, y, steps=10)
    page.mouse.up()
    page.keyboard.press(key)


def test_audio_segments(picture_lab, pictures_dir):
    lab = picture_lab
    page = open_scene(lab, "pic_audio.ipynb", scenes.AUDIO)
    page.wait_for_function("() => document.querySelector('.lw-audio')?.dataset.ready === '1'",
                           timeout=30_000)
    canvas = page.locator(".lw-audio .lw-audio-canvas")
    canvas.scroll_into_view_if_needed()
    draw_segment(page, canvas, 0.62, 0.9, "n")
    until(lab, "len(ann.values['labels'] or []) == 1")
    draw_segment(page, canvas, 0.08, 0.42, "s")
    field = page.locator('.lw-annotator [data-control="transcription"] .lw-text-field').first
    field.wait_for(state="visible")
    field.fill("good morning, how can I help?")
    segments = until(lab,
        "len(ann.values['labels'] or []) == 2 and ann.values['transcription'] and "
        "sorted(s['labels'][0] for s in ann.values['labels'])")
    assert segments == ["Noise", "Speech"]
    assert list(lab.kernel_eval_json("ann.values['transcription']").values()) == [
        "good morning, how can I help?"]
    shoot(lab, pictures_dir, "audio-segments")
    page.keyboard.press("Control+Enter")
    assert len(until(lab, "ann.df.at['call1', 'labels']")) == 2


def test_dialogue(picture_lab, pictures_dir):
    lab = picture_lab
    page = open_scene(lab, "pic_dialogue.ipynb", scenes.DIALOGUE)
    page.wait_for_selector('.lw-span-text[data-object="dialogue"] .lw-turn[data-turn="3"]')
    turns = lab.kernel_eval_json("[t['content'] for t in ann.df.at['c1', 'dialogue']]")
    for turn, phrase, key in [(0, "arrived with a cracked screen", "c"),
                              (2, "When will the replacement ship?", "q"),
                              (3, "It ships tomorrow", "a")]:
        at = turns[turn].index(phrase)
        scenes.drag_in_turn(page, turn, at, at + len(phrase))
        page.wait_for_selector('.lw-span-text[data-object="dialogue"] .lw-seg.lw-pending')
        page.keyboard.press(key)
    page.locator('.lw-option[data-value="Resolved"]').click()
    acts = until(lab,
        "len(ann.values['acts'] or []) == 3 and ann.values['resolved'] and "
        "[(s['text'], s['paragraphlabels']) for s in ann.values['acts']]")
    assert sorted(a[1][0] for a in acts) == ["Answer", "Complaint", "Question"]
    page.wait_for_function("document.querySelectorAll('.lw-span-row').length === 3")
    shoot(lab, pictures_dir, "dialogue")
    page.keyboard.press("Enter")
    assert until(lab, "ann.df.at['c1', 'resolved']") == "Resolved"


def test_llm_evaluation(picture_lab, pictures_dir):
    lab = picture_lab
    page = open_scene(lab, "pic_chat.ipynb", scenes.CHAT)
    page.wait_for_selector('.lw-chat-msg[data-id="m2"]')
    rating = page.locator('.lw-rating[data-control="quality"]')
    page.locator('.lw-chat-msg[data-id="m2"]').click()  # the wrong answer: one star
    rating.wait_for(state="visible")
    rating.locator('.lw-star[data-value="1"]').click()
    until(lab, "(ann.values['quality'] or {}).get('m2') == 1")
    page.locator(".lw-chat-input").click()
    page.keyboard.type("Are you sure? I read it was Canberra.")
    page.keyboard.press("Enter")
    page.wait_for_selector(".lw-chat-msg.lw-chat-added")
    page.locator(".lw-chat-ask").click()
    reply = page.locator(".lw-chat-msg.lw-chat-added.lw-chat-assistant")
    reply.wait_for()
    reply.click()
    rating.locator('.lw-star[data-value="5"]').click()
    reply_id = reply.get_attribute("data-id")
    quality = until(lab, f"len(ann.values['quality'] or {{}}) == 2 and "
                                    f"ann.values['quality'].get({reply_id!r}) == 5 and "
                                    "ann.values['quality']")
    assert quality == {"m2": 1, reply_id: 5}
    assert "Canberra" in reply.inner_text()
    shoot(lab, pictures_dir, "llm-evaluation")
    page.keyboard.press("Enter")
    assert until(lab, "ann.df.at['q1', 'quality']") == quality


def test_ratings_textarea(picture_lab, pictures_dir):
    lab = picture_lab
    page = open_scene(lab, "pic_controls.ipynb", scenes.CONTROLS)
    page.locator('.lw-rating[data-control="faithful"] .lw-star[data-value="4"]').click()
    page.locator('[data-control="fix"] .lw-text-field').fill("Mention the launch date (9 May).")
    page.locator('[data-control="confidence"] input').first.fill("8")
    page.locator(".lw-tax-toggle").click()
    page.locator('.lw-tax-caret[aria-label="expand Science"]').click()
    page.locator('.lw-tax-label:has-text("Space") input').click()
    page.locator(".lw-tax-toggle").click()  # fold the tree again: the chip shows the pick
    values = until(lab,
        "ann.values['topic'] and ann.values['confidence'] and ann.values['fix'] and ann.values")
    assert values["faithful"] == 4 and values["confidence"] == 8
    assert values["topic"] == [["Science", "Space"]]
    page.wait_for_selector('.lw-chip[data-path]')
    shoot(lab, pictures_dir, "ratings-textarea")
    page.locator(".lw-annotator .lw-object.lw-text").first.click()
    page.keyboard.press("Enter")
    assert until(lab, "ann.df.at['s1', 'faithful']") == 4


def test_playground(picture_lab, pictures_dir):
    lab = picture_lab
    page = open_scene(lab, "pic_playground.ipynb", scenes.PLAYGROUND, ".lw-playground")
    page.locator('.lw-playground .lw-option[data-value="Negative"]').wait_for()
    page.locator(".lw-playground .cm-line", has_text='<Choice value="Negative"').first.click()
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    page.keyboard.type('<Choice value="Mixed" hotkey="3"/>')
    page.locator('.lw-playground .lw-option[data-value="Mixed"]').wait_for(timeout=15_000)
    page.locator('.lw-playground .lw-option[data-value="Mixed"]').click()
    assert until(lab, "pg.annotator.values.get('sentiment')") == "Mixed"
    assert lab.kernel_eval_json("pg.problems") == []
    page.wait_for_selector(".lw-playground .lw-pg-status.lw-pg-ok")
    shoot(lab, pictures_dir, "playground", selector=".lw-playground")
