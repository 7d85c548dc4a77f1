"""Issue 12 item 3 in a real JupyterLab: a person writes a chat message, asks the model (a Python
callable) for the reply, selects that reply and rates it with a per-message Rating shown only
for assistant messages (whenRole), submits, and the DataFrame in the kernel holds it all."""

from __future__ import annotations

from tests.browser.helpers import open_notebook

SETUP = '''
import pandas as pd
import labelwidget as lw

config = """
<View>
  <Chat name="chat" value="$messages" editable="true"/>
  <View visibleWhen="region-selected" whenRole="assistant">
    <Header value="Rate this answer"/>
    <Rating name="quality" toName="chat" perRegion="true"/>
  </View>
</View>
"""
df = pd.DataFrame({"messages": [
    [{"role": "system", "content": "You answer arithmetic questions."}],
    [{"role": "user", "content": "1+1?"}, {"role": "assistant", "content": "2"}],
]}, index=pd.Index(["t1", "t2"], name="task"))


def fake_model(messages):
    return f"You asked: {messages[-1]['content']} The answer is 4."


ann = lw.Annotator(df, config, chat=fake_model)
ann
'''


def test_add_a_message_get_a_model_reply_rate_it_and_submit(lab):
    page = open_notebook(lab, "chat.ipynb", SETUP)
    page.set_viewport_size({"width": 1280, "height": 1000})
    page.wait_for_selector('.lw-chat-msg[data-id="m0"]')
    rating = page.locator('.lw-rating[data-control="quality"]')
    assert not rating.is_visible()  # nothing selected: the per-message view is hidden

    field = page.locator(".lw-chat-input")
    field.click()
    page.keyboard.type("What is 2+2?")
    page.keyboard.press("Enter")  # Enter sends the message (it does not submit the task)
    page.wait_for_function("document.querySelectorAll('.lw-chat-msg.lw-chat-added').length === 1")
    added = lab.wait_until_kernel("ann.values['chat']")
    assert [(m["role"], m["content"], m["origin"]) for m in added] == [
        ("user", "What is 2+2?", "manual")]
    assert lab.kernel_eval_json("ann.current") == "t1"

    page.locator(".lw-chat-ask").click()  # "Model reply": Python's callable answers
    page.wait_for_function("document.querySelectorAll('.lw-chat-msg.lw-chat-added').length === 2")
    reply = page.locator(".lw-chat-msg.lw-chat-added.lw-chat-assistant")
    assert "The answer is 4." in reply.inner_text()
    reply_id = reply.get_attribute("data-id")

    page.locator('.lw-chat-msg[data-id="m0"]').click()  # a system message: no rating for it
    page.wait_for_selector('.lw-chat-msg.lw-sel[data-id="m0"]')
    assert not rating.is_visible()
    reply.click()  # the assistant's reply: its rating shows
    rating.wait_for(state="visible")
    rating.locator('.lw-star[data-value="4"]').click()
    lab.wait_until_kernel(f"(ann.values['quality'] or {{}}).get({reply_id!r}) == 4")
    lab.screenshot("chat_rated", locator=page.locator(".lw-annotator"))

    page.keyboard.press("Enter")  # focus is on the widget after the click: Enter submits
    lab.wait_until_kernel("df.at['t1', 'chat'] is not None")
    cell = lab.kernel_eval_json("df.at['t1', 'chat']")
    assert [(m["role"], m["content"], m["origin"]) for m in cell] == [
        ("user", "What is 2+2?", "manual"),
        ("assistant", "You asked: What is 2+2? The answer is 4.", "model")]
    assert lab.kernel_eval_json("df.at['t1', 'quality']") == {reply_id: 4}
    assert lab.wait_until_kernel("ann.current") == "t2"  # the next task is shown
    page.wait_for_selector('.lw-chat-msg[data-id="m1"][data-role="assistant"]')
    assert page.locator(".lw-chat-msg.lw-chat-added").count() == 0


def test_edit_the_models_reply_and_delete_a_message_by_keys(lab):
    page = open_notebook(lab, "chat_edit.ipynb", SETUP)
    page.set_viewport_size({"width": 1280, "height": 1000})
    page.wait_for_selector('.lw-chat-msg[data-id="m0"]')
    page.locator(".lw-chat-input").click()
    page.keyboard.type("What is 2+2?")
    page.keyboard.press("Enter")
    page.locator(".lw-chat-ask").click()
    reply = page.locator(".lw-chat-msg.lw-chat-added.lw-chat-assistant")
    reply.wait_for()

    reply.locator(".lw-chat-edit-btn").click()  # ✎: the reply becomes a text field
    editor = reply.locator("textarea.lw-chat-edit")
    editor.wait_for()
    editor.fill("4.")
    page.keyboard.press("Enter")  # keeps the edit (Shift+Enter would start a new line)
    page.wait_for_function(
        "document.querySelector('.lw-chat-msg.lw-chat-assistant .lw-chat-content')"
        "?.textContent === '4.'")
    assert "model, edited" in reply.inner_text()
    lab.wait_until_kernel("[m['origin'] for m in ann.values['chat'] or []] == "
                          "['manual', 'model-changed']")

    question = page.locator(".lw-chat-msg.lw-chat-added.lw-chat-user")
    question.click()
    page.wait_for_selector(".lw-chat-msg.lw-chat-user.lw-sel")
    page.keyboard.press("Escape")  # deselects
    page.wait_for_function("document.querySelector('.lw-chat-msg.lw-sel') === null")
    question.click()
    page.keyboard.press("Delete")  # removes the selected message (one the person added)
    page.wait_for_function("document.querySelectorAll('.lw-chat-msg.lw-chat-added').length === 1")
    lab.screenshot("chat_edited", locator=page.locator(".lw-annotator"))
    lab.wait_until_kernel("len(ann.values['chat'] or []) == 1")
    page.locator('.lw-chat-msg[data-id="m0"]').click()
    page.keyboard.press("Delete")  # the task's own messages stay
    page.keyboard.press("Enter")
    cell = lab.wait_until_kernel("df.at['t1', 'chat']")
    assert [(m["role"], m["content"], m["origin"]) for m in cell] == [
        ("assistant", "4.", "model-changed")]
    assert lab.kernel_eval_json("df.at['t1', 'messages'][0]['role']") == "system"


def test_a_model_that_raises_is_said_in_the_widget_and_nothing_is_lost(lab):
    broken = SETUP.replace(
        "def fake_model(messages):\n    return",
        "def fake_model(messages):\n    raise RuntimeError('quota exceeded')\n    return")
    page = open_notebook(lab, "chat_broken.ipynb", broken)
    page.wait_for_selector('.lw-chat-msg[data-id="m0"]')
    page.locator(".lw-chat-input").click()
    page.keyboard.type("Anyone there?")
    page.keyboard.press("Enter")
    page.wait_for_selector(".lw-chat-msg.lw-chat-added")
    page.locator(".lw-chat-ask").click()
    note = page.locator(".lw-chat .lw-note.lw-error")
    note.wait_for()
    assert note.inner_text() == ("chat: the model failed on task 't1': RuntimeError: quota "
                                 "exceeded")
    lab.screenshot("chat_model_failed", locator=page.locator(".lw-annotator"))
    assert page.locator(".lw-chat-msg.lw-chat-added").count() == 1  # what was typed stays
    assert not page.locator(".lw-chat-ask").is_disabled()  # it may be asked again
    page.locator(".lw-chat-msg.lw-chat-added").click()
    page.keyboard.press("Enter")  # the task is still submittable
    cell = lab.wait_until_kernel("df.at['t1', 'chat']")
    assert [m["content"] for m in cell] == ["Anyone there?"]
