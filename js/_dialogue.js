// @ts-check
// Dialogue turns of Label Studio's <Paragraphs>, shared by the plain view (text.js) and the
// span view (text_spans.js). Each turn is a `.lw-turn` holding its speaker (`.lw-speaker`) and
// what was said (`.lw-phrase`, the only text spans are counted in); names and texts are set
// as text, never parsed as HTML. In a span's text two turns are joined by SEPARATOR, as in
// labelwidget/config/paragraphs.py.
import { h } from "./_task_widget.js";

export const SEPARATOR = "\n";

/** A stable hue (0-359) per speaker, so each speaker keeps one colour on every task. */
export function hueOf(name) {
  let hash = 0;
  for (let i = 0; i < name.length; i += 1) hash = (Math.imul(hash, 31) + name.charCodeAt(i)) >>> 0;
  return hash % 360;
}

/** The turns [{name, text}] as DOM: `layout` "dialogue" styles each speaker's turns alike. */
export function dialogueNode(turns, layout) {
  const root = h("div", { class: `lw-dialogue lw-layout-${layout === "dialogue" ? "dialogue" : "none"}` });
  turns.forEach((turn, i) => {
    const node = h("div", { class: "lw-turn", "data-turn": String(i), "data-speaker": turn.name }, [
      h("div", { class: "lw-speaker", text: turn.name }),
      h("div", { class: "lw-phrase", text: turn.text }),
    ]);
    node.style.setProperty("--lw-speaker-hue", String(hueOf(turn.name)));
    root.append(node);
  });
  return root;
}

/** Where each turn's text starts in the dialogue's text (UTF-16 units), and that text. */
export function dialogueText(turns) {
  const starts = [];
  let at = 0;
  for (const turn of turns) {
    starts.push(at);
    at += turn.text.length + SEPARATOR.length;
  }
  return { text: turns.map((t) => t.text).join(SEPARATOR), starts };
}

/** What keeps a dialogue task from being shown (its cell named), or null. */
export function dialogueProblem(payload) {
  const error = payload && payload.data && payload.data.error;
  return error ? `${error} — skip this task, or fix the data` : null;
}
