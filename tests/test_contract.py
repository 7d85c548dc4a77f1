"""The Python<->JS contract: both sides declare the same specs, payloads, messages and traits.

Python: the TypedDicts listed in ``labelwidget/widgets/_contract.py`` and each widget's synced
traits and ``from_browser``/``to_browser`` messages. JavaScript: the JSDoc typedefs of ``js/_contract.js``
and each module's ``Traits``/``ToPython``/``FromPython``, which ``tsc`` holds the code to
(``tests/test_checks.py``). This test holds the two declarations to each other, for every
widget of ``labelwidget/widgets``.
"""

from __future__ import annotations

import ast
import re
import typing
from pathlib import Path

import anywidget
import pandas as pd
import pytest
import traitlets as t

import labelwidget as lw
import labelwidget.widgets as widgets
from labelwidget.widgets import TaskWidget
from labelwidget.widgets._contract import CONTRACT, keys_of, message, problems
from labelwidget.widgets._messages import AckMsg, NavigateMsg
from labelwidget.widgets._specs import OptionSpec, SpanGroup, TaxonomyNode
from labelwidget.widgets.image_regions import ImageRegionsWidget
from labelwidget.widgets.text_spans import TextSpansWidget
from labelwidget.widgets.toolbar import ToolbarWidget
from tests.comm import browser_says

ROOT = Path(__file__).resolve().parent.parent
JS = ROOT / "js"
PY = ROOT / "labelwidget" / "widgets"
PREFIX = 'import("./_contract.js").'
CONFIG = """<View><Text name="text" value="$text"/>
<Choices name="c" toName="text"><Choice value="A"/></Choices></View>"""


def js_typedefs(source: str) -> dict[str, dict[str, tuple[str, bool]]]:
    """``@typedef {Object} Name`` blocks of a JS file: name -> {property: (type, optional)}."""
    out: dict[str, dict[str, tuple[str, bool]]] = {}
    for comment in re.findall(r"/\*\*(.*?)\*/", source, flags=re.S):
        current = None
        for line in comment.splitlines():
            line = line.strip().lstrip("*").strip()
            typedef = re.match(r"@typedef \{Object\} (\w+)$", line)
            if typedef:
                current = out.setdefault(typedef.group(1), {})
                continue
            if line.startswith("@typedef"):
                current = None
            prop = re.match(r"@property \{(.+)\} (\[?)(\w+)\]?", line)
            if prop and current is not None:
                current[prop.group(3)] = (prop.group(1).replace(PREFIX, ""), bool(prop.group(2)))
    return out


def js_union(source: str, name: str) -> set[str] | None:
    """The members of ``@typedef {A | B} name`` (their short names), or None without one."""
    found = re.search(r"@typedef \{([^{}]+)\} " + name + r"\b", source)
    if not found:
        return None
    aliases = dict(re.findall(r"@typedef \{" + re.escape(PREFIX) + r"(\w+)\} (\w+)", source))
    members = {m.strip().replace(PREFIX, "") for m in found.group(1).split("|")}
    return {aliases.get(m, m) if m not in CONTRACT else m for m in members}


def widget_classes() -> dict[str, type]:
    """Every widget of labelwidget/widgets, by the module that defines it (a module without a
    widget, such as palette.py, is a helper that js/_<name>.js mirrors)."""
    found = {}
    for path in sorted(PY.glob("[!_]*.py")):
        module = __import__(f"labelwidget.widgets.{path.stem}", fromlist=["_"])
        classes = [c for c in vars(module).values() if isinstance(c, type)
                   and issubclass(c, anywidget.AnyWidget) and c.__module__ == module.__name__]
        assert len(classes) <= 1, f"{path.name}: one widget per module, found {classes}"
        if classes:
            found[path.stem] = classes[0]
        else:
            assert (JS / f"_{path.stem}.js").exists(), f"{path.name}: no widget and no js/_{path.stem}.js"
    return found


WIDGETS = widget_classes()


def own_traits(cls: type) -> dict[str, t.TraitType]:
    base = TaskWidget if issubclass(cls, TaskWidget) else anywidget.AnyWidget
    inherited = set(base.class_traits(sync=True))
    return {n: tr for n, tr in cls.class_traits(sync=True).items() if n not in inherited}


def test_every_widget_module_is_mirrored():
    # The widgets the package exports are those found here, and each has its JS module.
    assert len(WIDGETS) >= 18
    for module in WIDGETS:
        assert (JS / f"{module}.js").exists(), f"labelwidget/widgets/{module}.py has no js/{module}.js"
    assert {p.stem for p in JS.glob("[!_]*.js")} == set(WIDGETS)


# -- the shared types ----------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(CONTRACT))
def test_each_contract_type_has_the_same_keys_on_both_sides(name):
    js = js_typedefs((JS / "_contract.js").read_text())
    assert name in js, f"js/_contract.js has no @typedef {{Object}} {name}"
    required, optional = keys_of(CONTRACT[name])
    props = js[name]
    assert {k for k, (_, opt) in props.items() if not opt} == set(required), name
    assert {k for k, (_, opt) in props.items() if opt} == set(optional), name


def literals(js_type: str) -> set[str]:
    return set(re.findall(r'"([^"]*)"', js_type))


@pytest.mark.parametrize("name", sorted(CONTRACT))
def test_each_contract_literal_has_the_same_values_on_both_sides(name):
    js = js_typedefs((JS / "_contract.js").read_text())[name]
    for key, hint in typing.get_type_hints(CONTRACT[name]).items():
        if typing.get_origin(hint) is typing.Literal:
            assert literals(js[key][0]) == set(typing.get_args(hint)), (name, key)


def test_js_declares_no_contract_type_that_python_lacks():
    js = js_typedefs((JS / "_contract.js").read_text())
    assert set(js) == set(CONTRACT)


def test_the_task_traits_match_the_base_widget():
    js = js_typedefs((JS / "_task_widget.js").read_text())["TaskTraits"]
    python = set(TaskWidget.class_traits(sync=True)) - set(anywidget.AnyWidget.class_traits(sync=True))
    assert set(js) == python
    for name, trait in TaskWidget.class_traits(sync=True).items():
        if trait.metadata.get("contract"):
            assert trait.metadata["contract"] in js[name][0], name


# -- every widget: traits and messages ----------------------------------------------------


@pytest.mark.parametrize("module", sorted(WIDGETS))
def test_traits_are_declared_alike_on_both_sides(module):
    cls = WIDGETS[module]
    source = (JS / f"{module}.js").read_text()
    declared = js_typedefs(source).get("Traits")
    assert declared is not None, f"js/{module}.js declares no Traits typedef"
    python = own_traits(cls)
    assert set(declared) == set(python), f"js/{module}.js declares {sorted(declared)}, " \
                                         f"{cls.__name__} syncs {sorted(python)}"
    for name, trait in python.items():
        if isinstance(trait, t.Enum):  # the same values, or tsc would judge other cases
            assert literals(declared[name][0]) == set(trait.values), (name, declared[name])
        contract = trait.metadata.get("contract")
        if contract:  # a spec trait has its contract type on the JS side too
            assert re.search(rf"\b{contract}\b", declared[name][0]), (name, declared[name])
    # The view is typed with them, so tsc refuses a read of a trait nobody syncs.
    props = "TaskTraits & Traits" if issubclass(cls, TaskWidget) else "Traits"
    assert f'@param {{import("@anywidget/types").RenderProps<{props}>}} props' in source


@pytest.mark.parametrize("module", sorted(WIDGETS))
def test_every_synced_trait_is_read_by_the_js_view(module):
    cls = WIDGETS[module]
    read = set()
    for part in view_modules(f"{module}.js"):  # the view and the helpers it is built of
        read |= set(re.findall(r'model\.get\("(\w+)"\)', (JS / part).read_text()))
    unread = set(own_traits(cls)) - read
    assert not unread, f"{cls.__name__} syncs {sorted(unread)}, which js/{module}.js never reads"
    assert (ROOT / "labelwidget" / "static" / f"{module}.js").exists()


def view_modules(name: str, seen: set[str] | None = None) -> set[str]:
    """A js/ module and every js/ module it imports, transitively (what its bundle holds)."""
    seen = set() if seen is None else seen
    if name not in seen:
        seen.add(name)
        for imported in re.findall(r'from "\./(\w+\.js)"', (JS / name).read_text()):
            view_modules(imported, seen)
    return seen


def _names(kinds) -> set[str]:
    return {k.__name__ for k in kinds}


@pytest.mark.parametrize("module", sorted(WIDGETS))
def test_messages_are_declared_alike_on_both_sides(module):
    cls = WIDGETS[module]
    source = (JS / f"{module}.js").read_text()
    from_browser = _names(getattr(cls, "from_browser", ()))
    to_browser = _names(getattr(cls, "to_browser", ()))
    assert (js_union(source, "ToPython") or set()) == from_browser, module
    assert (js_union(source, "FromPython") or set()) == to_browser, module
    for kind in from_browser | to_browser:
        assert kind in CONTRACT
    # A view sends and receives only through those types (tsc checks their use).
    if "model.send(" in source:
        assert from_browser and re.search(r"@param \{ToPython\}|@type \{ToPython\[\]\}", source)
    if '"msg:custom"' in source:
        assert to_browser and "{FromPython}" in source


def _sends(path: Path) -> list[ast.Call]:
    tree = ast.parse(path.read_text())
    return [node for node in ast.walk(tree) if isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute) and node.func.attr == "send"]


@pytest.mark.parametrize("module", sorted(WIDGETS))
def test_python_sends_only_contract_messages(module):
    cls = WIDGETS[module]
    allowed = _names(getattr(cls, "to_browser", ()))
    for call in _sends(PY / f"{module}.py"):
        sent = call.args[0] if call.args else None
        name = sent.func.id if isinstance(sent, ast.Call) and isinstance(sent.func, ast.Name) else None
        assert name in allowed, f"{module}.py line {call.lineno}: sends {ast.unparse(call)}"


def test_the_annotator_talks_to_the_browser_through_the_toolbars_contract():
    # Its messages are the toolbar's (ack, send_edits, read): no hand-made dicts.
    assert _sends(ROOT / "labelwidget" / "annotator.py") == []


# -- the Python side refuses what breaks the contract -----------------------------------------


def test_a_spec_with_a_key_the_browser_does_not_read_is_refused():
    with pytest.raises(t.TraitError, match=r"ChoicesWidget.options\[0\]: 'labels' is not in the contract"):
        widgets.ChoicesWidget(name="c", options=[{"value": "a", "label": "a", "labels": []}])


def test_a_spec_missing_a_key_names_the_key():
    group = SpanGroup(name="ner", choice="single", label_key="labels", show_inline=True,
                      allow_empty=False, required=False, required_message="",
                      options=[{"value": "PER"}])
    with pytest.raises(t.TraitError, match=r"TextSpansWidget.groups\[0\].options\[0\]: 'label' is missing"):
        TextSpansWidget(name="text", groups=[group])


def test_nested_specs_are_checked_at_every_depth():
    tree = [TaxonomyNode(value="a", label="a", children=[
        TaxonomyNode(value="b", label="b", children=[{"value": "c", "label": "c"}])])]
    assert problems(tree[0], TaxonomyNode) == ["TaxonomyNode.children[0].children[0]: 'children' is missing"]
    with pytest.raises(t.TraitError):
        widgets.TaxonomyWidget(name="t", tree=tree)


def test_an_option_spec_may_leave_out_its_optional_keys():
    assert problems(OptionSpec(value="a", label="A"), OptionSpec) == []
    assert widgets.ChoicesWidget(name="c", options=[OptionSpec(value="a", label="A")]).options


def test_messages_of_another_type_are_not_ours_and_broken_ones_are_named():
    assert message({"type": "something else"}, NavigateMsg) is None
    assert message("not a dict", NavigateMsg) is None
    ack = AckMsg(type="ack", seq=3, error=None)
    assert message(ack, AckMsg) == ack
    with pytest.raises(ValueError, match="NavigateMsg: 'action' is missing"):
        message({"type": "navigate", "task": "a", "to": "b", "seq": 1}, NavigateMsg)
    with pytest.raises(ValueError, match="NavigateMsg: 'too' is not in the contract"):
        message({"type": "navigate", "action": "next", "task": "a", "too": "b"}, NavigateMsg)


def test_the_toolbar_acks_a_broken_navigate_with_the_reason():
    sent = []
    toolbar = ToolbarWidget()
    toolbar.send = lambda content, buffers=None: sent.append(content)
    toolbar.ack(4, "NavigateMsg: 'action' is missing")
    assert sent == [{"type": "ack", "seq": 4, "error": "NavigateMsg: 'action' is missing"}]
    assert problems(sent[0], AckMsg) == []


def test_a_broken_navigate_from_the_browser_is_acked_with_the_reason_and_moves_nothing():
    ann = lw.Annotator(pd.DataFrame({"text": ["a", "b"]}), CONFIG)
    sent = []
    ann.toolbar.send = lambda content, buffers=None: sent.append(content)
    before = ann.current
    browser_says(ann.toolbar, {"type": "navigate", "task": "x", "to": "y", "seq": 2})
    assert sent == [{"type": "ack", "seq": 2, "error": "NavigateMsg: 'action' is missing"}]
    assert ann.current == before and ann.toolbar.status["kind"] == "error"
    # Another widget's message (or an old front end's) is none of the toolbar's business.
    browser_says(ann.toolbar, {"type": "hello"})
    assert len(sent) == 1


def test_image_messages_follow_the_contract():
    assert _names(ImageRegionsWidget.from_browser) == {"ImagesMsg"}
    assert _names(ImageRegionsWidget.to_browser) == {"ImageMsg"}


def _limits(value):
    """Every ``max_usages`` anywhere in a spec."""
    if isinstance(value, dict):
        own = [value["max_usages"]] if "max_usages" in value else []
        return own + [x for v in value.values() for x in _limits(v)]
    if isinstance(value, list):
        return [x for v in value for x in _limits(v)]
    return []


def test_no_limit_is_none_in_every_spec_and_a_limit_is_a_number():
    from labelwidget import parse_config
    from labelwidget.compile import compile_config

    def specs_of(attr: str) -> list:
        config = parse_config(f"""<View>
          <Text name="text" value="$text"/>
          <Labels name="ner" toName="text" {attr}><Label value="PER"/></Labels>
          <Image name="img" value="$img"/>
          <RectangleLabels name="box" toName="img" {attr}><Label value="Car"/></RectangleLabels>
          <Audio name="audio" value="$audio"/>
          <Labels name="seg" toName="audio" {attr}><Label value="Speech"/></Labels>
          <Taxonomy name="tax" toName="text" {attr}><Choice value="A"/></Taxonomy>
        </View>""")
        found = []
        for part in compile_config(config, "g").parts:
            for name in own_traits(type(part.widget)):
                found += _limits(getattr(part.widget, name))
            found += [part.widget.max_usages] if hasattr(part.widget, "max_usages") else []
        return found

    unlimited = specs_of("")
    # spans: the option; image and audio: the control and the option; taxonomy: the widget
    assert len(unlimited) == 6 and set(unlimited) == {None}  # never 0, never absent
    # A control's limit is on the control (an option without its own has None: the control's).
    limited = specs_of('maxUsages="2"')
    assert set(limited) == {2, None} and limited.count(2) >= 4
