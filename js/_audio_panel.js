// @ts-check
// What js/audio.js draws around the waveform: the bar (play, time, speed, labels, zoom), the
// note under it and the list of segments. The view keeps the state and passes it in; these only
// build DOM and call back.
import { keyLabel } from "./_keys.js";
import { h } from "./_task_widget.js";
import { clock } from "./_waveform.js";

const SPEEDS = [0.5, 0.75, 1, 1.25, 1.5, 2];

/**
 * The view's elements, appended by the caller (`root` holds the rest).
 * @param {import("@anywidget/types").AnyModel<any>} model
 * @param {Partial<import("./_contract.js").PlaybackKeys>} keys
 * @param {{togglePlay: () => void, setSpeed: (rate: number) => void, zoomBy: (factor: number) => void, fit: () => void}} on
 */
export function audioDom(model, keys, on) {
  const name = model.get("name");
  const playButton = h("button", { type: "button", class: "lw-button lw-audio-play", title: `Play / pause (${keyLabel(keys.play || "space")})`, text: "▶", onclick: () => on.togglePlay() });
  const time = h("span", { class: "lw-audio-time", text: "–" });
  const speed = h("select", { class: "lw-audio-speed", title: "Playback speed", onchange: () => on.setSpeed(Number(speed.value)) },
    SPEEDS.map((s) => h("option", { value: String(s), text: `${s}×` })));
  speed.value = String(SPEEDS.includes(model.get("default_speed")) ? model.get("default_speed") : 1);
  speed.hidden = !model.get("speed_control");
  const zoomBar = h("span", { class: "lw-regions-zoom" }, [
    h("button", { type: "button", class: "lw-button lw-zoom-out", title: "Zoom out (Ctrl+wheel)", text: "−", onclick: () => on.zoomBy(1 / 1.5) }),
    h("button", { type: "button", class: "lw-button lw-zoom-in", title: "Zoom in (Ctrl+wheel)", text: "+", onclick: () => on.zoomBy(1.5) }),
    h("button", { type: "button", class: "lw-button lw-zoom-fit", title: "Show the whole audio", text: "Fit", onclick: () => on.fit() }),
  ]);
  zoomBar.hidden = !model.get("zoom");
  const labelBar = h("span", { class: "lw-regions-bar" });
  const bar = h("div", { class: "lw-regions-bar" }, [playButton, time, speed, labelBar, zoomBar]);
  const canvas = h("canvas", { class: "lw-audio-canvas" });
  const stage = h("div", { class: "lw-regions-stage lw-audio-stage", tabindex: "0", "data-lw-focus-target": "", "data-lm-suppress-shortcuts": "true", "aria-label": `audio ${name}` }, [canvas]);
  const note = h("div", { class: "lw-regions-hint lw-audio-note", role: "status" });
  const list = h("div", { class: "lw-regions-list lw-audio-list" });
  const holder = h("div", { class: "lw-audio-holder", hidden: true });
  const root = h("div", { class: "lw-object lw-regions lw-audio", "data-object": name, "data-lw-focus-scope": "" }, [bar, stage, note, list, holder]);
  return { playButton, time, speed, labelBar, canvas, stage, note, list, holder, root };
}

/**
 * One button per label of each segment control; `armed` ({control, label} or null) is pressed.
 * @param {import("./_contract.js").SegmentControlSpec[]} specs
 * @param {{control: string, label: string} | null} armed
 * @param {(control: string, label: string) => string} colorOf
 * @param {(control: string, label: string) => void} pick
 */
export function labelButtons(specs, armed, colorOf, pick) {
  return specs.map((c) => h("span", { class: "lw-regions-group", "data-control": c.name }, c.options.map((o) => {
    const on = armed && armed.control === c.name && armed.label === o.value;
    const color = colorOf(c.name, o.value);
    return h("button", {
      type: "button", class: `lw-option lw-region-label${on ? " lw-on" : ""}`, "data-control": c.name, "data-value": o.value,
      "aria-pressed": String(Boolean(on)), style: { "--lw-accent": color }, onclick: () => pick(c.name, o.value),
    }, [h("span", { class: "lw-swatch", style: { background: color } }), h("span", { text: o.label || o.value }), o.hotkey ? h("kbd", { text: keyLabel(o.hotkey) }) : null]);
  })));
}

/**
 * The note under the waveform: why the audio cannot be shown (named by row and column), what a
 * drawn range waits for, or how to draw; else the view's last `message`.
 * @param {{message: string, problem: string | null, taskKey: string | null, column: string, pending: unknown, entry: unknown, drawing: boolean, armed: {label: string} | null, playKey?: string}} state
 */
export function noteText({ message, problem, taskKey, column, pending, entry, drawing, armed, playKey }) {
  if (problem) return `row ${taskKey}, column “${column}”: ${problem} (skip this task; the others can be labeled)`;
  if (pending) return "Press a label's key (or click a label) to label the range drawn · Esc drops it";
  if (!message && entry && drawing) return `Drag on the waveform to draw a segment${armed ? ` (${armed.label})` : ""} · click to seek · ${keyLabel(playKey || "space")} plays · drag an edge to resize`;
  return message;
}

/**
 * The segments, in time order, each with its labels, times, a play and a delete button.
 * @param {{id: string, control: string, start: number, end: number, labels: string[]}[]} segments
 * @param {string | null} selectedId
 * @param {(control: string, label: string) => string} colorOf
 * @param {{select: (id: string) => void, play: (segment: any) => void, remove: (id: string) => void}} on
 */
export function segmentRows(segments, selectedId, colorOf, on) {
  return [...segments].sort((a, b) => a.start - b.start).map((s) => h("div", {
    class: `lw-region-item lw-audio-segment${s.id === selectedId ? " lw-on" : ""}`, "data-region": s.id,
    onclick: () => on.select(s.id),
  }, [
    h("span", { class: "lw-swatch", style: { background: colorOf(s.control, s.labels[0]) } }),
    h("span", { class: "lw-region-name", text: s.labels.join(", ") }),
    h("span", { class: "lw-region-geometry", text: `${clock(s.start)} – ${clock(s.end)}` }),
    h("button", { type: "button", class: "lw-region-delete lw-audio-segment-play", title: "Play this segment", text: "▶", onclick: (e) => { e.stopPropagation(); on.play(s); } }),
    h("button", { type: "button", class: "lw-region-delete", title: "Delete this segment", text: "✕", onclick: (e) => { e.stopPropagation(); on.remove(s.id); } }),
  ]));
}
