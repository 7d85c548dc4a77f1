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
  return Math.floor((hash * 137.508) % 360); // golden angle: near names get far hues
}

/** The turns [{name, text, start?}] as DOM: `layout` "dialogue" styles each speaker's turns
 * alike; with `playable`, a turn with a start time has a ▶ that plays it on the synced audio. */
export function dialogueNode(turns, layout, playable = false) {
  const root = h("div", { class: `lw-dialogue lw-layout-${layout === "dialogue" ? "dialogue" : "none"}` });
  turns.forEach((turn, i) => {
    const play = playable && typeof turn.start === "number"
      ? h("button", { type: "button", class: "lw-button lw-turn-play", "data-turn": String(i), title: "Play this turn", text: "▶" })
      : null;
    const node = h("div", { class: "lw-turn", "data-turn": String(i), "data-speaker": turn.name }, [
      h("div", { class: "lw-speaker" }, [play, turn.name]),
      h("div", { class: "lw-phrase", text: turn.text }),
    ]);
    node.style.setProperty("--lw-speaker-hue", String(hueOf(turn.name)));
    root.append(node);
  });
  return root;
}

/** Where each turn's text starts and ends in the dialogue's text (UTF-16 units), and that text. */
export function dialogueText(turns) {
  const starts = [];
  const ends = [];
  let at = 0;
  for (const turn of turns) {
    starts.push(at);
    ends.push(at + turn.text.length);
    at += turn.text.length + SEPARATOR.length;
  }
  return { text: turns.map((t) => t.text).join(SEPARATOR), starts, ends };
}

/** granularity="paragraph": [s, e) grown to the whole turns it touches, or null. */
export function snapToTurns(starts, ends, s, e) {
  let first = -1;
  let last = -1;
  for (let i = 0; i < starts.length; i += 1) {
    if (ends[i] <= starts[i]) continue; // a turn that says nothing
    if (first < 0 && ends[i] > s) first = i;
    if (starts[i] < e) last = i;
  }
  return first < 0 || last < first ? null : [starts[first], ends[last]];
}

/**
 * Turns that follow an <Audio>'s playback (Label Studio's sync): the turn playing is marked
 * (and scrolled to with contextScroll), and a turn's ▶ plays that turn on the audio. The audio
 * is the synced Audio view's media element in the same annotator; media events do not bubble,
 * so they are caught on their way down (capture). `box` holds the turns; `data()` the task's.
 */
export function audioSync(el, box, data) {
  let stopAt = null;
  // The time to mark: none before the audio was ever played or moved.
  const now = (m) => (m && (!m.paused || m.currentTime > 0) ? m.currentTime : -1);
  const media = () => {
    const sync = (data() || {}).sync;
    if (!sync) return null;
    const scope = el.closest(".lw-annotator") || document;
    const view = [...scope.querySelectorAll(".lw-audio[data-object]")].find((n) => n.getAttribute("data-object") === sync);
    return view ? view.querySelector("audio") : null;
  };
  function mark(time) {
    const turns = (data() || {}).turns || [];
    let first = null;
    box.querySelectorAll(".lw-turn").forEach((node) => {
      const turn = turns[Number(node.getAttribute("data-turn"))];
      const on = Boolean(turn && typeof turn.start === "number" && time >= turn.start
        && (typeof turn.end !== "number" || time < turn.end));
      node.classList.toggle("lw-turn-playing", on);
      if (on && !first) first = node;
    });
    if (first && (data() || {}).scroll) {
      // contextScroll: the dialogue's own box scrolls, never the notebook around it.
      const outer = box.getBoundingClientRect();
      const turn = first.getBoundingClientRect();
      if (turn.top < outer.top) box.scrollTop -= outer.top - turn.top;
      else if (turn.bottom > outer.bottom) box.scrollTop += Math.min(turn.bottom - outer.bottom, turn.top - outer.top);
    }
  }
  function onMedia(event) {
    const m = media();
    if (!m || event.target !== m) return;
    if (stopAt !== null && m.currentTime >= stopAt) {
      stopAt = null;
      m.pause();
    }
    mark(now(m));
  }
  // On press, before the span gestures see it (capture): a ▶ is not a text selection.
  function onPress(event) {
    const target = /** @type {HTMLElement} */ (event.target);
    const button = target.closest ? target.closest(".lw-turn-play") : null;
    if (!button) return;
    event.preventDefault();
    event.stopPropagation();
    const turn = ((data() || {}).turns || [])[Number(button.getAttribute("data-turn"))];
    const m = media();
    if (!turn || !m) return;
    m.currentTime = turn.start;
    stopAt = typeof turn.end === "number" ? turn.end : null;
    m.play().catch(() => {});
  }
  const events = ["timeupdate", "seeked", "play", "pause"];
  for (const type of events) document.addEventListener(type, onMedia, true);
  box.addEventListener("mousedown", onPress, true);
  return {
    redraw() {
      mark(now(media()));
    },
    dispose() {
      for (const type of events) document.removeEventListener(type, onMedia, true);
      box.removeEventListener("mousedown", onPress, true);
    },
  };
}

/** What keeps a dialogue task from being shown (its cell named), or null. */
export function dialogueProblem(payload) {
  const error = payload && payload.data && payload.data.error;
  return error ? `${error} — skip this task, or fix the data` : null;
}
