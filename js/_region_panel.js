// @ts-check
// The label bar, the region list and the hint under an image; part of js/image_regions.js,
// sharing its editor state `ed`.
import { keyLabel } from "./_keys.js";
import { h } from "./_task_widget.js";
import { toPixels } from "./_geometry.js";
import { PALETTE } from "./_palette.js";

/** @param {import("./image_regions.js").Editor} ed */
export function regionPanel(ed) {
  const {
    bar, drawingControl, hint, optionsOf, list, redraw, size, specs, zoomBar,
  } = ed;

  // -- bar, list, hint ------------------------------------------------------------------------
  function drawBar() {
    const groups = [];
    const tools = specs().filter((c) => c.kind === "tool");
    for (const c of specs()) {
      if (c.kind === "tool") continue;
      const buttons = optionsOf(c).map((o, i) => {
        const on = ed.active && ed.active.control === c.name && ed.active.label === o.value;
        const color = o.background || PALETTE[i % PALETTE.length];
        return h("button", {
          type: "button",
          class: `lw-option lw-region-label${on ? " lw-on" : ""}`,
          "data-control": c.name,
          "data-value": o.value,
          "aria-pressed": String(Boolean(on)),
          style: { "--lw-accent": color },
          onclick: () => ed.pickLabel(c.name, o.value),
        }, [h("span", { class: "lw-swatch", style: { background: color } }), h("span", { text: o.label || o.value }), o.hotkey ? h("kbd", { text: keyLabel(o.hotkey) }) : null]);
      });
      groups.push(h("span", { class: "lw-regions-group", "data-control": c.name }, buttons));
    }
    if (tools.length) {
      groups.push(h("span", { class: "lw-regions-group lw-regions-tools" }, tools.map((c) => h("button", {
        type: "button",
        class: `lw-option lw-region-tool${drawingControl() === c ? " lw-on" : ""}`,
        "data-control": c.name,
        "data-shape": c.shape,
        "aria-pressed": String(drawingControl() === c),
        onclick: () => ed.pickTool(c.name),
        text: `${{ rectangle: "▭", polygon: "⬠", keypoint: "•" }[c.shape]} ${tools.length > 1 || !c.name ? c.tag : c.name}`,
      }))));
    }
    bar.replaceChildren(...groups, zoomBar);
    drawHint();
  }

  function drawHint() {
    let text;
    const c = drawingControl();
    const shape = c ? c.shape : null;
    const label = ed.active ? ` “${ed.active.label}”` : "";
    if (ed.flash) text = ed.flash;
    else if (ed.problem || !ed.image) text = "";
    else if (ed.polygon) text = "Click to add points · click the first point, double-click or Enter to close · Backspace removes the last point · Esc cancels";
    else if (ed.selected) text = "Selected: drag to move, drag a handle to resize · a label or its key relabels · Delete removes · Esc deselects";
    else if (shape === "rectangle") text = `Drag on the image to draw a${label} box`;
    else if (shape === "polygon") text = `Click on the image to place the points of a${label} polygon`;
    else if (shape === "keypoint") text = `Click on the image to place a${label} point`;
    else if (specs().length) text = "Choose a label (or its key), then draw on the image · click a region to select it";
    else text = "";
    const how = "Ctrl+wheel zooms, Space+drag pans";
    hint.textContent = text ? `${text} · ${how}` : ed.image ? how : "";
  }

  function drawList() {
    const sz = size();
    const items = ed.regions.map((r, i) => {
      const text = r.labels.length ? ed.labelText(r) : "(no label)";
      const geometry = !sz ? "" : r.shape === "rectangle"
        ? `${Math.round(toPixels(r.width, sz[0]))}×${Math.round(toPixels(r.height, sz[1]))} px`
        : r.shape === "polygon" ? `${r.points.length} points` : `(${Math.round(toPixels(r.x, sz[0]))}, ${Math.round(toPixels(r.y, sz[1]))})`;
      return h("div", {
        class: `lw-region-item${r.id === ed.selected ? " lw-on" : ""}`,
        "data-region": r.id,
        onclick: () => {
          ed.selected = ed.selected === r.id ? null : r.id;
          drawList();
          drawHint();
          redraw();
        },
      }, [
        h("span", { class: "lw-swatch", style: { background: ed.regionColor(r) } }),
        h("span", { class: "lw-region-name", text: `${i + 1}. ${text}` }),
        h("span", { class: "lw-region-geometry", text: `${r.shape} ${geometry}` }),
        h("button", {
          type: "button", class: "lw-region-delete", title: "Delete this region", text: "✕",
          onclick: (event) => {
            event.stopPropagation();
            ed.selected = r.id;
            ed.deleteSelected();
            drawHint();
          },
        }),
      ]);
    });
    list.replaceChildren(...items);
    list.hidden = !items.length;
    drawHint();
  }

  return { drawBar, drawHint, drawList };
}
