"""<Chat> (issue 12 item 3): a conversation from a list of {role, content} messages, messages
added and edited, rated one by one through perRegion controls, replies from a Python callable,
Label Studio JSON as Label Studio writes chatmessage results."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import labelwidget as lw
from labelwidget.config import ConfigError, parse_config
from labelwidget.config.chat import ORIGINS
from labelwidget.formats.label_studio import LabelStudioImportError
from labelwidget.widgets import ConditionWidget
from tests.comm import browser_says, browser_sets

CONFIG = """<View>
  <Chat name="chat" value="$messages" editable="true"/>
  <View visibleWhen="region-selected" whenRole="assistant">
    <Rating name="quality" toName="chat" perRegion="true"/>
  </View>
  <Choices name="overall" toName="chat"><Choice value="good"/><Choice value="bad"/></Choices>
</View>"""

HELLO = [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello"}]


def frame(*chats) -> pd.DataFrame:
    df = pd.DataFrame(index=pd.Index(range(len(chats)), name="task"))
    df["messages"] = pd.Series(list(chats), index=df.index, dtype=object)
    return df


def chat_widget(ann):
    return next(p.widget for p in ann._compiled.parts if getattr(p.widget, "name", "") == "chat")


def payload(ann, task):
    return chat_widget(ann).tasks[ann._key(ann._position(task))]["data"]


def test_the_task_messages_are_shown_as_regions_with_their_place_as_id():
    ann = lw.Annotator(frame(HELLO), CONFIG)
    assert payload(ann, 0)["messages"] == [
        {"id": "m0", "role": "user", "content": "hi"},
        {"id": "m1", "role": "assistant", "content": "hello"}]
    widget = chat_widget(ann)
    assert widget.roles == ["user", "assistant"]  # no llm, no callable: both roles
    assert widget.editable == ["*"]
    assert widget.has_model is False


def test_added_messages_and_per_message_ratings_land_in_the_dataframe():
    df = frame(HELLO)
    ann = lw.Annotator(df, CONFIG)
    added = ann.add_message("user", "and in French?")
    ann.set("quality", {"m1": 4})
    ann.set("overall", "good")
    ann.submit()
    [message] = df.at[0, "chat"]
    assert message == {"id": added["id"], "role": "user", "content": "and in French?",
                       "origin": "manual", "createdAt": added["createdAt"]}
    assert not message["id"].startswith("m")  # never an id of the data's messages
    assert df.at[0, "quality"] == {"m1": 4}
    assert df.at[0, "overall"] == "good"
    assert df.at[0, "messages"] == HELLO  # the data stays as it was


def test_a_message_typed_in_the_browser_is_the_cell():
    df = frame(HELLO)
    ann = lw.Annotator(df, CONFIG)
    widget = chat_widget(ann)
    typed = {"id": "cabc", "role": "assistant", "content": "Bonjour", "createdAt": 1700000000000,
             "origin": "manual"}
    browser_sets(widget, {"task": widget.task, "value": {"chat": [typed]}})
    ann.submit()
    assert df.at[0, "chat"] == [typed]


def test_the_callable_gets_the_conversation_and_its_reply_is_recorded_as_the_models():
    seen = []

    def model(messages):
        seen.append(messages)
        return f"echo: {messages[-1]['content']}"

    df = frame(HELLO)
    ann = lw.Annotator(df, CONFIG, chat=model)
    assert chat_widget(ann).has_model is True
    first = ann.add_message("user", "again")
    reply = ann.reply()
    # (the message's id and origin are labelwidget's, not the conversation's)
    assert seen == [[*HELLO, {"role": "user", "content": "again",
                              "createdAt": first["createdAt"]}]]
    assert (reply["role"], reply["content"], reply["origin"]) == ("assistant", "echo: again",
                                                                  "model")
    ann.submit()
    assert [m["origin"] for m in df.at[0, "chat"]] == ["manual", "model"]


def test_the_browsers_model_reply_button_asks_python_and_says_when_done():
    df = frame(HELLO)
    ann = lw.Annotator(df, CONFIG, chat=lambda messages: {"role": "assistant", "content": "ok",
                                                          "model": "fake-1"})
    widget = chat_widget(ann)
    sent = []
    widget.send = lambda content, buffers=None: sent.append(content)
    browser_says(widget, {"type": "reply", "task": widget.task})
    assert sent == [{"type": "reply_done", "task": widget.task, "error": None}]
    [reply] = widget.value["chat"]
    assert (reply["content"], reply["model"], reply["origin"]) == ("ok", "fake-1", "model")


def test_a_callable_that_raises_is_said_with_the_task_and_nothing_is_lost():
    def broken(messages):
        raise RuntimeError("quota exceeded")

    df = frame(HELLO, HELLO)
    ann = lw.Annotator(df, CONFIG, chat=broken)
    kept = ann.add_message("user", "still here?")
    widget = chat_widget(ann)
    sent = []
    widget.send = lambda content, buffers=None: sent.append(content)
    browser_says(widget, {"type": "reply", "task": widget.task})
    [done] = sent
    assert done["error"] == "chat: the model failed on task 0: RuntimeError: quota exceeded"
    assert ann.toolbar.status == {"kind": "error", "text": done["error"]}
    with pytest.raises(ValueError, match="the model failed on task 0: RuntimeError: quota"):
        ann.reply()
    assert ann.values["chat"] == [kept]  # what was written stays
    ann.set("overall", "bad")
    ann.submit()
    assert df.at[0, "chat"] == [kept]
    assert ann.current == 1  # the next task is labelable


@pytest.mark.parametrize("answer", [None, 42, {"content": None}, ["a"]])
def test_a_reply_that_is_not_a_message_is_refused_by_name(answer):
    ann = lw.Annotator(frame(HELLO), CONFIG, chat=lambda messages: answer)
    with pytest.raises(ValueError, match=re.escape("a reply is text or a {'role', 'content'}")):
        ann.reply()
    assert ann.values["chat"] is None


def test_messages_without_a_role_are_said_in_the_widget_and_the_other_tasks_stay_labelable():
    df = frame(HELLO, [{"content": "who am I?"}], HELLO)
    ann = lw.Annotator(df, CONFIG)
    ann.go_to(1)
    error = payload(ann, 1)["error"]
    assert error.startswith("task 1: the 'messages' cell: message 0 has no role")
    with pytest.raises(ValueError, match="cannot submit task 1: its data cannot be shown"):
        ann.submit()
    ann.skip()
    assert ann.current == 2
    ann.set("overall", "good")
    ann.submit()
    assert df.at[2, "overall"] == "good"
    assert df.at[1, "overall"] is None


@pytest.mark.parametrize("cell", [[], None, float("nan"), ""])
def test_an_empty_chat_says_so_and_needs_a_message_before_submit(cell):
    df = frame(cell)
    ann = lw.Annotator(df, CONFIG)
    assert payload(ann, 0)["empty"] == "task 0: the 'messages' cell holds no messages yet"
    ann.set("overall", "good")
    with pytest.raises(ValueError, match="chat: the conversation is empty"):
        ann.submit()
    ann.add_message("user", "first")
    ann.submit()
    assert [m["content"] for m in df.at[0, "chat"]] == ["first"]


@pytest.mark.parametrize(("cell", "message"), [
    ("not json", "is not a list of messages (JSON that does not parse"),
    ({"role": "user"}, "is not a list of {role, content} messages"),
    (["hi"], "message 0 is not a {role, content} dict"),
    ([{"role": "user", "content": 3}], "message 0 (user): content is not text"),
])
def test_unusable_chat_cells_are_named(cell, message):
    ann = lw.Annotator(frame(cell), CONFIG)
    assert message in payload(ann, 0)["error"]


def test_a_chat_kept_as_json_text_is_read():
    ann = lw.Annotator(frame(json.dumps(HELLO)), CONFIG)
    assert [m["content"] for m in payload(ann, 0)["messages"]] == ["hi", "hello"]


def test_min_and_max_messages_from_the_config_and_from_the_task():
    config = """<View><Chat name="chat" value="$messages" minMessages="3" maxMessages="$max"/>
</View>"""
    df = frame(HELLO)
    df["max"] = [3]
    ann = lw.Annotator(df, config)
    assert (payload(ann, 0)["min"], payload(ann, 0)["max"]) == (3, 3)
    with pytest.raises(ValueError, match="chat: needs at least 3 messages \\(has 2\\)"):
        ann.submit()
    ann.add_message("user", "third")
    with pytest.raises(ValueError, match="4 messages, more than maxMessages \\(3\\)"):
        ann.add_message("assistant", "fourth")
    ann.submit()
    assert len(df.at[0, "chat"]) == 1


def test_roles_and_editable_follow_label_studio():
    tag = parse_config('<View><Chat name="c" value="$m" llm="openai/gpt-5" '
                       'editable="user,assistant"/></View>').controls["c"]
    assert tag.roles(has_model=True) == ["user"]  # Label Studio: "user" when a model answers
    assert tag.roles() == ["user", "assistant"]  # llm= is never called: a person writes both
    assert tag.editable_roles() == ["user", "assistant"]
    tag = parse_config('<View><Chat name="c" value="$m" messageroles="user|system"/></View>'
                       ).controls["c"]
    assert (tag.roles(), tag.editable_roles()) == (["user", "system"], False)


@pytest.mark.parametrize(("config", "message"), [
    ('<View><Chat name="c" value="$m" toName="other"/></View>',
     r'line 1: <Chat name="c"> toName="other" must be the Chat\'s own name'),
    ('<View><Chat name="c" value="$m" minMessages="a few"/></View>',
     r'line 1: <Chat name="c"> minMessages="a few" must be a whole number or a \$column'),
    ('<View><Chat name="c"/></View>', r'line 1: <Chat name="c"> needs value="\$column"'),
])
def test_config_errors_name_line_and_tag(config, message):
    with pytest.raises(ConfigError, match=message):
        parse_config(config)


def test_when_role_reaches_the_browser_condition():
    ann = lw.Annotator(frame(HELLO), CONFIG)
    rating = next(p.widget for p in ann._compiled.parts if getattr(p.widget, "name", "") ==
                  "quality")
    assert rating.per_region["objects"] == ["chat"]
    def walk(widget):
        yield widget
        for child in getattr(widget, "children", ()):
            yield from walk(child)

    conditions = [w.visible_when for w in walk(ann.widget)
                  if isinstance(w, ConditionWidget) and w.visible_when]
    assert conditions and conditions[0]["roles"] == ["assistant"]
    assert conditions[0]["when"] == "region-selected"


def test_a_rating_on_a_message_that_is_gone_is_not_submitted():
    df = frame(HELLO)
    ann = lw.Annotator(df, CONFIG)
    added = ann.add_message("assistant", "extra")
    ann.set("quality", {"m1": 2, added["id"]: 5})
    ann.set("chat", None)  # the added message deleted
    ann.set("overall", "bad")
    ann.submit()
    assert df.at[0, "quality"] == {"m1": 2}


# -- Label Studio JSON -------------------------------------------------------------------------


def labeled():
    df = frame(HELLO)
    df["chat"] = pd.Series([[{"id": "c1", "role": "user", "content": "thanks",
                              "createdAt": 1761626717856, "origin": "manual"}]], dtype=object)
    df["quality"] = pd.Series([{"m1": 5, "c1": 1}], dtype=object)
    df["overall"] = ["good"]
    return df


def test_label_studio_json_is_chatmessage_results_and_per_message_ratings():
    [task] = lw.to_label_studio(labeled(), CONFIG)
    result = [{k: v for k, v in item.items() if k != "origin"}
              for item in task["annotations"][0]["result"]]
    assert result[0] == {"id": "c1", "from_name": "chat", "to_name": "chat",
                         "type": "chatmessage",
                         "value": {"chatmessage": {"role": "user", "content": "thanks",
                                                   "createdAt": 1761626717856,
                                                   "origin": "manual"}}}
    assert result[1:3] == [
        {"id": "m1", "from_name": "quality", "to_name": "chat", "type": "rating",
         "value": {"rating": 5}},
        {"id": "c1", "from_name": "quality", "to_name": "chat", "type": "rating",
         "value": {"rating": 1}}]
    assert task["data"]["messages"] == HELLO


def test_the_sdk_validates_it_and_it_reads_back():
    from label_studio_sdk.label_interface import LabelInterface

    df = labeled()
    tasks = lw.to_label_studio(df, CONFIG)
    assert LabelInterface(CONFIG).validate_annotation(tasks[0]["annotations"][0])
    back = lw.from_label_studio(tasks, CONFIG)
    for column in ("chat", "quality", "overall"):
        assert back.at[0, column] == df.at[0, column]


def test_a_rating_of_a_message_the_task_does_not_have_is_refused_on_import():
    tasks = lw.to_label_studio(labeled(), CONFIG)
    tasks[0]["annotations"][0]["result"][1]["id"] = "m7"
    with pytest.raises(LabelStudioImportError, match="id 'm7' matches none \\(region ids: c1, m0, m1\\)"):
        lw.from_label_studio(tasks, CONFIG)


@pytest.mark.parametrize(("fmt", "name"), [("JSON_MIN", "result.json"), ("CSV", "result.csv")])
def test_json_min_and_csv_equal_label_studios_converter(tmp_path, fmt, name):
    from label_studio_sdk.converter import Converter

    import labelwidget.formats as F

    meta = {0: {"completed_by": 1, "id": 100, "created_at": "2024-01-01T10:00:00.000000Z",
                "lead_time": 1.5}}
    df = labeled()
    tasks = F.export(df, CONFIG, "label_studio", tmp_path / "tasks.json", meta=meta)
    Converter(CONFIG, project_dir=None, download_resources=False).convert(
        str(tasks), str(tmp_path / "ls"), fmt, is_dir=False)
    ours = F.export(df, CONFIG, fmt.lower(), tmp_path / f"ours-{name}", meta=meta)
    if fmt == "CSV":  # with Label Studio's chat_transcript column
        assert ours.read_bytes() == (tmp_path / "ls" / name).read_bytes()
        assert '"user: thanks"' in ours.read_text()
        return
    theirs = json.loads((tmp_path / "ls" / name).read_text())
    assert json.loads(ours.read_text()) == theirs
    assert theirs[0]["chat"] == [{"role": "user", "content": "thanks",
                                  "createdAt": 1761626717856, "origin": "manual"}]


def test_a_chat_survives_the_store_and_lw_load(tmp_path):
    store = tmp_path / "labels.sqlite"
    ann = lw.Annotator(frame(HELLO), CONFIG, store=store)
    added = ann.add_message("user", "stored?")
    ann.set("quality", {"m1": 3})
    ann.set("overall", "good")
    ann.submit()
    ann.close()
    again = frame(HELLO)
    lw.Annotator(again, CONFIG, store=store).close()
    assert again.at[0, "chat"] == [added]
    assert again.at[0, "quality"] == {"m1": 3}
    loaded = lw.load(store)
    assert loaded.iloc[0]["chat"] == [added]


RED_TEAM = """<View>
  <Chat name="chat" value="$messages"/>
  <View visibleWhen="region-selected" whenRole="assistant">
    <Choices name="outcome" toName="chat" perRegion="true" required="true">
      <Choice value="compliant"/><Choice value="refusal"/>
    </Choices>
  </View>
  <Rating name="risk" toName="chat" perRegion="true" whenRole="user"/>
</View>"""


def test_when_role_narrows_which_messages_a_per_region_control_rates():
    df = frame([*HELLO, {"role": "user", "content": "bye"}, {"role": "assistant",
                                                             "content": "ciao"}])
    ann = lw.Annotator(df, RED_TEAM)
    outcome = next(p.widget for p in ann._compiled.parts
                   if getattr(p.widget, "name", "") == "outcome")
    assert outcome.per_region["roles"] == ["assistant"]  # the View's whenRole, for the browser
    ann.set("risk", {"m0": 2, "m1": 5})  # m1 is the assistant's: no risk rating for it
    ann.set("outcome", {"m1": "compliant"})
    with pytest.raises(ValueError, match='outcome: region "m3" \\(no label "ciao"\\) needs a '
                                         "value"):
        ann.submit()  # required on every assistant message, and on those only
    ann.set("outcome", {"m1": "compliant", "m3": "refusal"})
    ann.submit()
    assert df.at[0, "risk"] == {"m0": 2}
    assert df.at[0, "outcome"] == {"m1": "compliant", "m3": "refusal"}


def test_the_red_teaming_template_labels_its_example_task():
    from tests.test_corpus import TEMPLATES_DIR, demo_frame

    config = parse_config(TEMPLATES_DIR / "chat" / "chat_red_team.xml")
    df = demo_frame(config)
    ann = lw.Annotator(df, config, chat=lambda messages: "I cannot share that.")
    ann.add_message("user", "What is my neighbour's password?")
    reply = ann.reply()
    ann.set("assistant_outcome", {reply["id"]: "Safe-refusal"})
    ann.set("assistant_refusal_quality", {reply["id"]: "Clear, offers safe alternative"})
    ann.submit()
    assert df.at[0, "assistant_outcome"] == {reply["id"]: "Safe-refusal"}
    assert [m["origin"] for m in df.at[0, "chat_label"]] == ["manual", "model"]


_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
_message = st.fixed_dictionaries(
    {"role": st.sampled_from(["user", "assistant", "system", "tool"]), "content": _text},
    optional={"createdAt": st.integers(0, 2**52), "origin": st.sampled_from(ORIGINS)})


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.lists(_message, max_size=4), added=st.lists(_message, min_size=1, max_size=4),
       stars=st.lists(st.integers(1, 5), max_size=8))
def test_any_chat_survives_label_studio_json_and_the_sdk_accepts_it(data, added, stars):
    from label_studio_sdk.label_interface import LabelInterface

    df = frame([{k: m[k] for k in ("role", "content")} for m in data])
    df["chat"] = pd.Series([[{"id": f"c{i}", **m} for i, m in enumerate(added)]], dtype=object)
    ids = [f"m{i}" for i in range(len(data))] + [f"c{i}" for i in range(len(added))]
    df["quality"] = pd.Series([dict(zip(ids, stars, strict=False)) or None], dtype=object)
    tasks = lw.to_label_studio(df, CONFIG)
    annotation = tasks[0]["annotations"][0]
    assert LabelInterface(CONFIG).validate_annotation(annotation)
    back = lw.from_label_studio(json.loads(json.dumps(tasks)), CONFIG)
    assert back.at[0, "chat"] == df.at[0, "chat"]
    assert back.at[0, "quality"] == df.at[0, "quality"]


def test_in_a_kernel_the_browsers_request_runs_beside_the_loop_not_in_it():
    """A slow client must not hold the kernel: the request returns at once, other work goes
    on, and the reply is added on the loop's thread when it comes."""
    import asyncio
    import threading

    from tests.loops import run_in_own_loop

    release = threading.Event()

    def slow(messages):
        release.wait(10)
        return "finally"

    async def scenario():
        df = frame(HELLO, HELLO)
        ann = lw.Annotator(df, CONFIG, chat=slow)
        ann._chat.background = True  # (what a kernel's running loop gives)
        widget = chat_widget(ann)
        sent = []
        widget.send = lambda content, buffers=None: sent.append(content)
        asked_on = widget.task
        browser_says(widget, {"type": "reply", "task": asked_on})
        assert sent == [] and ann.values["chat"] is None  # asked, not waited for
        ann.set("overall", "good")  # the kernel goes on meanwhile
        release.set()
        for _ in range(400):
            if sent:
                break
            await asyncio.sleep(0.01)
        assert sent == [{"type": "reply_done", "task": asked_on, "error": None}]
        return [m["content"] for m in ann.values["chat"]], ann.values["overall"]

    assert run_in_own_loop(scenario) == (["finally"], "good")


def test_in_a_kernel_a_failing_client_is_said_when_it_fails():
    import asyncio

    from tests.loops import run_in_own_loop

    def broken(messages):
        raise TimeoutError("no answer in 30 s")

    async def scenario():
        ann = lw.Annotator(frame(HELLO), CONFIG, chat=broken)
        ann._chat.background = True
        widget = chat_widget(ann)
        sent = []
        widget.send = lambda content, buffers=None: sent.append(content)
        browser_says(widget, {"type": "reply", "task": widget.task})
        for _ in range(400):
            if sent:
                break
            await asyncio.sleep(0.01)
        return sent, ann.toolbar.status

    [done], status = run_in_own_loop(scenario)
    assert done["error"] == "chat: the model failed on task 0: TimeoutError: no answer in 30 s"
    assert status == {"kind": "error", "text": done["error"]}


def test_adding_a_message_or_a_reply_is_an_edit_undone_and_redone_like_any_other():
    ann = lw.Annotator(frame(HELLO), CONFIG, chat=lambda messages: "reply")
    typed = ann.add_message("user", "question")
    ann.reply()
    ann.undo_edit()
    assert ann.values["chat"] == [typed]
    ann.undo_edit()
    assert ann.values["chat"] is None
    ann.redo_edit()
    assert ann.values["chat"] == [typed]


def test_when_role_without_visible_when_on_a_task_control_is_ignored_with_a_warning():
    with pytest.warns(lw.ConfigWarning) as caught:
        parse_config("""<View>
  <Chat name="chat" value="$messages"/>
  <Choices name="overall" toName="chat" whenRole="user"><Choice value="ok"/></Choices>
</View>""")
    [issue] = [i for w in caught for i in w.message.issues]
    assert (issue.line, issue.tag, issue.attribute) == (3, "Choices", "whenRole")
    assert issue.message.startswith('has no effect without visibleWhen="region-selected"')
