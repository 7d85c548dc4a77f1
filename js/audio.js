// @ts-check
// An Audio object: playback, its waveform, and the segments <Labels> draw on it; mirrors
// labelwidget/widgets/audio.py. The audio arrives once, as a binary message, into the page-wide
// media cache (js/_media_cache.js), asked for ahead for the tasks held here; the browser
// decodes it (Web Audio decodeAudioData) for the waveform, or takes the peaks the kernel sent
// for long files. Every gesture (draw a segment, move it, drag an edge, seek) redraws at frame
// rate; only a finished change is sent (`task.edit`), in seconds, as Label Studio values.
//
// About 420 lines, one render closure on purpose: the audio element, the segments, the view and
// the gesture are state every handler shares. Around it: the bar, note and segment list
// (_audio_panel.js), segment geometry and gestures (_waveform.js), painting (_audio_draw.js),
// the bytes (_audio_store.js).
import { regionAnnouncer } from "./_region_events.js";
import { bindTask } from "./_task_widget.js";
import { newId } from "./_ids.js";
import { PALETTE } from "./_palette.js";
import { audioDom, labelButtons, noteText, segmentRows } from "./_audio_panel.js";
import { AUDIO, EARLY, audioIdOf, receiveAudio, requestAudio } from "./_audio_store.js";
import { drawCursor, drawPending, drawSegment, drawWaveform } from "./_audio_draw.js";
import { clampView, clock, dragTo, fitView, hit, press, toTime, toX, zoomAt } from "./_waveform.js";

const HEIGHT = 128; // waveform, CSS px
const EDGE = 6; // pointer slack for a segment's edges, CSS px
const MIN_DRAG = 3; // a press that moves less is a click (seek), CSS px

/** @typedef {import("./_task_widget.js").TaskTraits} TaskTraits */
/**
 * Messages this widget sends to Python, and those it receives:
 * @typedef {import("./_contract.js").AudiosMsg} ToPython
 * @typedef {import("./_contract.js").AudioMsg} FromPython
 */

/**
 * Synced traits of AudioWidget (labelwidget/widgets/audio.py), besides TaskTraits.
 * @typedef {Object} Traits
 * @property {string} name
 * @property {string} column
 * @property {import("./_contract.js").SegmentControlSpec[]} region_controls
 * @property {Partial<import("./_contract.js").PlaybackKeys>} playback_keys
 * @property {boolean} zoom
 * @property {boolean} speed_control
 * @property {number} default_speed
 * @property {number} default_zoom
 * @property {number} volume
 */

/** @param {import("@anywidget/types").RenderProps<TaskTraits & Traits>} props */
function render({ model, el }) {
  const name = model.get("name");
  const column = model.get("column");
  const specs = () => model.get("region_controls") || [];
  const keys = () => model.get("playback_keys") || {};
  const colorOf = (control, label) => {
    const c = specs().find((x) => x.name === control);
    const i = c ? c.options.findIndex((o) => o.value === label) : -1;
    return (i >= 0 && c.options[i].background) || PALETTE[(i < 0 ? 0 : i) % PALETTE.length];
  };

  // -- DOM ------------------------------------------------------------------------------------
  const { playButton, time, speed, labelBar, canvas, stage, note, list, holder, root } = audioDom(model, keys(), {
    togglePlay: () => togglePlay(),
    setSpeed: (rate) => { if (media) media.playbackRate = rate; },
    zoomBy: (factor) => zoomBy(factor),
    fit: () => { view = null; redraw(); },
  });
  el.append(root);
  const ctx = canvas.getContext("2d");

  // -- state ----------------------------------------------------------------------------------
  let taskKey = null;
  let audioId = null; // cache key (or URL) of the audio shown
  let entry = null; // its cache entry once here
  let media = null; // its <audio> element
  let problem = null;
  let segments = []; // {control, id, start, end, labels, ...rest}
  let selectedId = null;
  let pending = null; // [start, end] drawn without a label yet
  let armed = null; // {control, label}: the label new segments get
  let view = null;
  let gesture = null;
  let stopAt = null; // playing one segment: pause at its end
  let frame = 0;
  let message = "";
  let task = null;
  const announce = regionAnnouncer(model.get("group"), name);
  const duration = () => (entry && entry.duration) || 0;
  const width = () => Math.max(120, Math.floor(stage.clientWidth || 640));
  const current = () => (view ? view : fitView(duration(), width()));
  const selected = () => segments.find((s) => s.id === selectedId) || null;
  const say = (text) => { message = text; drawNote(); };

  // -- audio ------------------------------------------------------------------------------------
  /** @param {ToPython} msg */
  function ask(msg) {
    model.send(msg);
  }
  /** @param {FromPython} msg @param {DataView[]} buffers */
  const onCustom = (msg, buffers) => receiveAudio(model, msg, buffers);
  model.on("msg:custom", onCustom);
  const offArrival = AUDIO.onArrival(() => countHeld());
  function countHeld() {
    root.dataset.audios = String(Object.values(model.get("tasks") || {}).filter((p) => AUDIO.has(audioIdOf(p))).length);
  }

  function showAudio(payload) {
    const data = payload && payload.data;
    const id = audioIdOf(payload) || (data && data.error ? `!${data.error}` : null);
    if (id === audioId && (entry || problem)) return;
    if (media) media.pause();
    audioId = id;
    entry = null;
    problem = data && data.error ? data.error : null;
    view = null;
    stopAt = null;
    holder.replaceChildren();
    media = null;
    root.dataset.ready = "";
    if (!payload || problem) return;
    say("loading audio…");
    EARLY.when(id, (early) => {
      if (audioId !== id || entry || problem) return;
      entry = early; // the waveform of a long file while its bytes travel (no media yet)
      root.dataset.duration = String(early.duration);
      redraw();
    });
    AUDIO.when(id, (got) => {
      if (audioId !== id) return;
      if (got.error) {
        problem = got.error;
        say("");
      } else {
        entry = got;
        media = got.media;
        media.className = "lw-audio-media";
        media.playbackRate = Number(speed.value);
        media.volume = Math.min(1, model.get("volume"));
        media.onplay = media.onpause = () => { playButton.textContent = media.paused ? "▶" : "⏸"; root.dataset.playing = media.paused ? "" : "1"; };
        media.onplay();
        holder.replaceChildren(media);
        root.dataset.duration = String(got.duration);
        root.dataset.ready = "1";
        if (model.get("default_zoom") > 1) view = clampView({ t0: 0, spp: fitView(got.duration, width()).spp / model.get("default_zoom") }, got.duration, width());
        say("");
      }
      redraw();
    });
  }

  // -- playback ---------------------------------------------------------------------------------
  function play(from, to = null) {
    if (!media) return;
    media.currentTime = Math.max(0, from);
    stopAt = to;
    media.play().catch((err) => say(`cannot play: ${err.message}`));
    tick();
  }
  function togglePlay() {
    if (!media) return false;
    if (!media.paused) {
      media.pause();
      stopAt = null;
    } else if (selected()) {
      play(selected().start, selected().end);
    } else {
      play(media.currentTime >= duration() - 0.01 ? 0 : media.currentTime);
    }
    return true;
  }
  function seek(t) {
    if (!media) return;
    media.currentTime = Math.min(Math.max(0, t), duration());
    stopAt = null;
    redraw();
  }
  function tick() {
    if (!media || media.paused) return redraw();
    if (stopAt !== null && media.currentTime >= stopAt) {
      media.pause();
      stopAt = null;
    }
    // Follow the cursor when zoomed in.
    const v = current();
    const x = toX(v, media.currentTime);
    if (view && (x < 0 || x > width())) view = clampView({ ...view, t0: media.currentTime }, duration(), width());
    redraw();
    requestAnimationFrame(tick);
  }

  // -- segments ---------------------------------------------------------------------------------
  function commit() {
    const value = {};
    for (const c of specs()) value[c.name] = [];
    for (const { control, ...seg } of segments) value[control].push(seg);
    task.edit(value, { render: false });
    redraw();
  }
  function uses(control, label) {
    return segments.filter((s) => s.control === control && s.labels.includes(label)).length;
  }
  function overLimit(control, label) {
    const c = specs().find((x) => x.name === control);
    const o = c && c.options.find((x) => x.value === label);
    const limit = (o && o.max_usages) || (c && c.max_usages);
    if (limit && uses(control, label) >= limit) {
      say(`${label}: at most ${limit} segment(s) (maxUsages)`);
      return true;
    }
    return false;
  }
  function applyLabel(control, label) {
    const sel = selected();
    if (pending) {
      if (overLimit(control, label)) return;
      const seg = { control, id: newId(), start: pending[0], end: pending[1], labels: [label] };
      segments = [...segments, seg];
      selectedId = seg.id;
      pending = null;
      return commit();
    }
    if (sel && sel.control === control) {
      const c = specs().find((x) => x.name === control);
      let labels = c.choice === "multiple" ? (sel.labels.includes(label) ? sel.labels.filter((l) => l !== label) : [...sel.labels, label]) : [label];
      if (!labels.length) labels = sel.labels;
      if (!sel.labels.includes(label) && overLimit(control, label)) return;
      segments = segments.map((s) => (s.id === sel.id ? { ...s, labels } : s));
      return commit();
    }
    armed = armed && armed.control === control && armed.label === label ? null : { control, label };
    drawBar();
    drawNote();
  }
  function remove(id) {
    segments = segments.filter((s) => s.id !== id);
    if (selectedId === id) selectedId = null;
    commit();
  }

  // -- pointer ----------------------------------------------------------------------------------
  const pointerX = (event) => event.clientX - canvas.getBoundingClientRect().left;
  function onDown(event) {
    if (event.button !== 0 || !entry) return;
    const x = pointerX(event);
    const v = current();
    gesture = press(segments, toTime(v, x), x, EDGE * v.spp, selectedId);
    pending = null;
    if (gesture.id) selectedId = gesture.id;
    window.addEventListener("mousemove", onMove, true);
    window.addEventListener("mouseup", onUp, true);
    event.preventDefault();
    redraw();
  }
  function onMove(event) {
    if (!gesture) return;
    const x = pointerX(event);
    const { segment, range } = dragTo(gesture, toTime(current(), x), x, duration(), MIN_DRAG);
    if (segment) segments = segments.map((s) => (s.id === gesture.id ? segment : s));
    if (range) {
      pending = range;
      selectedId = null;
    }
    schedule();
  }
  function onUp(event) {
    window.removeEventListener("mousemove", onMove, true);
    window.removeEventListener("mouseup", onUp, true);
    if (!gesture) return;
    onMove(event);
    const g = gesture;
    gesture = null;
    if (g.kind === "draw" && !pending) {
      selectedId = null;
      seek(g.t);
    } else if (g.kind === "draw" && armed) {
      applyLabel(armed.control, armed.label);
    } else if (g.kind === "resize" || (g.kind === "move" && g.moved)) {
      commit();
    }
    redraw();
  }
  canvas.addEventListener("mousedown", onDown);
  canvas.addEventListener("mousemove", (event) => {
    if (gesture || !entry) return;
    const v = current();
    const found = hit(segments, toTime(v, pointerX(event)), EDGE * v.spp, selectedId);
    canvas.style.cursor = found ? (found.edge ? "ew-resize" : "move") : "crosshair";
  });
  canvas.addEventListener("wheel", (event) => {
    if (!entry) return;
    if (event.ctrlKey || event.metaKey) {
      event.preventDefault();
      zoomBy(event.deltaY < 0 ? 1.25 : 1 / 1.25, pointerX(event));
    } else if (view && Math.abs(event.deltaX) > Math.abs(event.deltaY)) {
      event.preventDefault(); // a sideways wheel pans a zoomed waveform; a plain one scrolls the page
      view = clampView({ ...view, t0: view.t0 + event.deltaX * view.spp }, duration(), width());
      schedule();
    }
  }, { passive: false });
  function zoomBy(factor, x = width() / 2) {
    if (!entry) return;
    view = zoomAt(current(), factor, x, duration(), width());
    redraw();
  }

  // -- drawing ----------------------------------------------------------------------------------
  function schedule() {
    if (!frame) frame = requestAnimationFrame(() => { frame = 0; redraw(); });
  }
  function redraw() {
    const w = width();
    const dpr = window.devicePixelRatio || 1;
    if (canvas.width !== Math.round(w * dpr)) {
      canvas.width = Math.round(w * dpr);
      canvas.height = Math.round(HEIGHT * dpr);
      canvas.style.width = `${w}px`;
      canvas.style.height = `${HEIGHT}px`;
    }
    canvas.hidden = Boolean(problem); // (the stage stays: hiding it would drop the focus it holds)
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, HEIGHT);
    time.textContent = entry ? `${clock(media ? media.currentTime : 0)} / ${clock(duration())}` : "–";
    if (entry) {
      const v = current();
      drawWaveform(ctx, entry, v, w, HEIGHT);
      for (const seg of segments) drawSegment(ctx, seg, v, { color: colorOf(seg.control, seg.labels[0]), selected: seg.id === selectedId, width: w, height: HEIGHT });
      if (pending) drawPending(ctx, pending, v, HEIGHT);
      if (media) drawCursor(ctx, v, media.currentTime, HEIGHT);
      root.dataset.view = `${v.t0} ${v.spp}`;
      root.dataset.drawn = taskKey;
    }
    announce(taskKey, selected() ? regionOf(selected()) : null, segments.map(regionOf));
    drawList();
    drawNote();
  }
  const regionOf = (s) => ({ id: s.id, controls: [s.control], labels: s.labels });
  function drawBar() {
    labelBar.replaceChildren(...labelButtons(specs(), armed, colorOf, applyLabel));
  }
  function drawNote() {
    note.textContent = noteText({ message, problem, taskKey, column: column || name, pending, entry, drawing: specs().length > 0, armed, playKey: keys().play });
    note.classList.toggle("lw-error", Boolean(problem));
  }
  function drawList() {
    list.replaceChildren(...segmentRows(segments, selectedId, colorOf, {
      select: (id) => { selectedId = selectedId === id ? null : id; pending = null; redraw(); },
      play: (s) => { selectedId = s.id; play(s.start, s.end); },
      remove,
    }));
    list.hidden = !segments.length;
  }

  // -- the task contract ------------------------------------------------------------------------
  /** @param {import("./_contract.js").TaskPayload<import("./_contract.js").AudioData> | null} payload @param {Record<string, any>} value */
  function show(payload, value) {
    const key = task ? task.task() : model.get("task");
    if (key !== taskKey) {
      selectedId = null;
      pending = null;
      gesture = null;
      message = "";
    }
    taskKey = key;
    segments = specs().flatMap((c) => ((value && value[c.name]) || []).map((s) => ({ ...s, control: c.name })));
    if (selectedId && !selected()) selectedId = null;
    showAudio(payload);
    requestAudio(model, taskKey, ask);
    countHeld();
    redraw();
  }
  task = bindTask(model, el, {
    render: show,
    hotkey(key) {
      const k = keys();
      if (key === (k.play || "space")) return togglePlay();
      if (key === k.back || key === k.forward) {
        if (!media) return false;
        seek(media.currentTime + (key === k.back ? -1 : 1));
        return true;
      }
      if (key === "escape") {
        if (!pending && !selectedId && !armed) return false;
        if (pending || selectedId) { pending = null; selectedId = null; } else armed = null;
        drawBar();
        redraw();
        return true;
      }
      if ((key === "delete" || key === "backspace") && selectedId) {
        remove(selectedId);
        return true;
      }
      for (const c of specs()) {
        const o = c.options.find((x) => x.hotkey && x.hotkey === key);
        if (o) {
          applyLabel(c.name, o.value);
          return true;
        }
      }
      return false;
    },
    missing(value) {
      const out = problem ? [`the audio cannot be played (${problem}); skip this task instead`] : [];
      for (const c of specs()) {
        if (c.required && !((value && value[c.name]) || []).length) out.push(c.required_message || `draw at least one segment for ${c.name}`);
      }
      return out;
    },
  });
  for (const c of specs()) {
    const o = c.options.find((x) => x.selected);
    if (o && !armed) armed = { control: c.name, label: o.value };
  }
  drawBar();
  const onTasks = () => { requestAudio(model, taskKey, ask); countHeld(); };
  model.on("change:tasks", onTasks);
  const resize = new ResizeObserver(() => { if (view) view = clampView(view, duration(), width()); redraw(); });
  resize.observe(stage);
  redraw();

  return () => {
    task.dispose();
    if (media) media.pause();
    offArrival();
    resize.disconnect();
    model.off("change:tasks", onTasks);
    model.off("msg:custom", onCustom);
    canvas.removeEventListener("mousedown", onDown);
    if (frame) cancelAnimationFrame(frame);
  };
}

export default { render };
