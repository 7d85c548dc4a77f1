// @ts-check
// The playground's XML editor; mirrors labelwidget/widgets/playground.py. CodeMirror owns the
// typing; the text goes to Python `debounce` ms after the last change, and Python answers with
// `problems` (drawn at their lines) and a new widget beside this one. Nothing is decided here.
import { EditorView, keymap, lineNumbers, highlightActiveLine } from "@codemirror/view";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { bracketMatching, defaultHighlightStyle, syntaxHighlighting } from "@codemirror/language";
import { xml } from "@codemirror/lang-xml";
import { lintGutter, setDiagnostics } from "@codemirror/lint";
import { h } from "./_task_widget.js";

/**
 * Messages this widget sends to Python:
 * @typedef {import("./_contract.js").TemplateMsg | import("./_contract.js").OpenMsg} ToPython
 */

/**
 * Synced traits of EditorWidget (labelwidget/widgets/playground.py).
 * @typedef {Object} Traits
 * @property {string} source
 * @property {import("./_contract.js").Problem[]} problems
 * @property {string[]} templates
 * @property {Partial<import("./_contract.js").EditorStatus>} status
 * @property {number} debounce
 */

/** @param {import("@anywidget/types").RenderProps<Traits>} props */
function render({ model, el }) {
  /** @param {ToPython} msg */
  const tell = (msg) => model.send(msg);
  el.classList.add("lw-playground-editor");
  // JupyterLab's single-key commands must not fire while typing XML.
  el.setAttribute("data-lm-suppress-shortcuts", "true");

  const picker = h("select", { class: "lw-pg-templates", "aria-label": "start from a template" });
  const path = h("input", { class: "lw-pg-path", type: "text", placeholder: "path/to/config.xml",
    "aria-label": "config file to open" });
  const open = h("button", { type: "button", class: "lw-pg-open", text: "Open" });
  const copy = h("button", { type: "button", class: "lw-pg-copy", text: "Copy XML" });
  const host = h("div", { class: "lw-pg-code" });
  const status = h("div", { class: "lw-pg-status", role: "status" });
  const list = h("div", { class: "lw-pg-problems" });
  const note = h("div", { class: "lw-pg-note", role: "status" }); // what Copy XML did
  el.append(h("div", { class: "lw-pg-bar" }, [picker, path, open, copy]), note, host, status,
    list);

  let timer = 0;
  let applying = false; // a text from Python is being put in: not an edit to send back
  const send = () => {
    timer = 0;
    model.set("source", view.state.doc.toString());
    model.save_changes();
  };
  const view = new EditorView({
    doc: model.get("source") || "",
    parent: host,
    extensions: [
      lineNumbers(),
      highlightActiveLine(),
      history(),
      bracketMatching(),
      syntaxHighlighting(defaultHighlightStyle),
      keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
      xml(),
      lintGutter(),
      EditorView.lineWrapping,
      EditorView.updateListener.of((update) => {
        if (!update.docChanged || applying) return;
        clearTimeout(timer);
        timer = setTimeout(send, model.get("debounce") ?? 100);
      }),
    ],
  });

  function fillPicker() {
    picker.replaceChildren(h("option", { value: "", text: "Start from a template…" }),
      ...(model.get("templates") || []).map((name) => h("option", { value: name, text: name })));
  }
  picker.addEventListener("change", () => {
    if (picker.value) tell({ type: "template", name: picker.value });
    picker.value = "";
  });
  const openPath = () => { if (path.value.trim()) tell({ type: "open", path: path.value.trim() }); };
  open.addEventListener("click", openPath);
  path.addEventListener("keydown", (e) => { if (e.key === "Enter") openPath(); });
  // Without a clipboard (a page served over plain http from another host, or permission
  // refused) the XML is selected for Ctrl+C instead, and the note says so.
  const selectForCopy = () => {
    view.dispatch({ selection: { anchor: 0, head: view.state.doc.length } });
    view.focus();
    note.textContent = "This page cannot use the clipboard: the XML is selected, press "
      + "Ctrl+C (⌘C on a Mac) to copy it, or read playground.config in Python.";
  };
  copy.addEventListener("click", () => {
    if (!navigator.clipboard?.writeText) { selectForCopy(); return; }
    navigator.clipboard.writeText(view.state.doc.toString()).then(() => {
      note.textContent = "";
      copy.textContent = "Copied";
      setTimeout(() => { copy.textContent = "Copy XML"; }, 1200);
    }, selectForCopy);
  });

  function showSource() {
    const text = model.get("source") || "";
    if (text === view.state.doc.toString()) return;
    clearTimeout(timer); // Python replaced the text (a template, a file): typing before it is moot
    timer = 0;
    applying = true;
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    applying = false;
  }

  function showProblems() {
    const problems = model.get("problems") || [];
    const doc = view.state.doc;
    const diagnostics = [];
    for (const p of problems) {
      if (!Number.isInteger(p.line) || p.line < 1 || p.line > doc.lines) continue;
      const line = doc.line(p.line);
      const from = line.from + (line.text.length - line.text.trimStart().length);
      diagnostics.push({ from: Math.min(from, line.to), to: line.to,
        severity: p.severity === "warning" ? "warning" : "error", message: p.message });
    }
    view.dispatch(setDiagnostics(view.state, diagnostics));
    list.replaceChildren(...problems.map((p) => {
      const item = h("div", { class: `lw-pg-problem lw-pg-${p.severity === "warning" ? "warning" : "error"}`,
        "data-line": p.line == null ? "" : String(p.line), text: p.message });
      if (Number.isInteger(p.line) && p.line >= 1 && p.line <= view.state.doc.lines) {
        item.addEventListener("click", () => {
          const at = view.state.doc.line(p.line).from;
          view.dispatch({ selection: { anchor: at }, scrollIntoView: true });
          view.focus();
        });
      }
      return item;
    }));
  }

  function showStatus() {
    const s = model.get("status") || {};
    status.textContent = s.text || "";
    status.className = `lw-pg-status lw-pg-${s.kind || "ok"}`;
  }

  fillPicker();
  showProblems();
  showStatus();
  model.on("change:source", () => { showSource(); });
  model.on("change:problems", showProblems);
  model.on("change:status", showStatus);
  model.on("change:templates", fillPicker);
  return () => { clearTimeout(timer); view.destroy(); };
}

export default { render };
