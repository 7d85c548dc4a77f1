// @ts-check
// What a person does to the regions of an image (add, delete, relabel, pick a label or a tool,
// place and close a polygon); part of js/image_regions.js, sharing its editor state `ed`.
// Each change ends in commit(): the regions go to Python as one Label Studio value.
import { labelUses, usageLimit, valueFromRegions } from "./_geometry.js";
import { newId } from "./_ids.js";

/** @param {import("./image_regions.js").Editor} ed */
export function regionEdits(ed) {
  const {
    H, W, redraw, regionById, size, spec, specWithOptions, specs,
  } = ed;

  // -- editing --------------------------------------------------------------------------------
  function commit() {
    const value = valueFromRegions(ed.regions, specs(), size());
    ed.task.edit(value, { render: false });
    ed.drawList();
    redraw();
  }

  function tell(text) {
    ed.flash = text;
    clearTimeout(ed.flashTimer);
    ed.flashTimer = setTimeout(() => {
      ed.flash = "";
      ed.drawHint();
    }, 3500);
    ed.drawHint();
  }

  // The labels a new region gets, or null (with a message) when it may not be drawn.
  function labelsForNew(c) {
    if (c.kind === "labels") {
      if (!ed.active || ed.active.control !== c.name) return null;
      const limit = usageLimit(specWithOptions(c), ed.active.label);
      if (limit && labelUses(ed.regions, c.name, ed.active.label) >= limit) {
        tell(`“${ed.active.label}” is already used ${limit} time(s) (maxUsages)`);
        return null;
      }
      return { labels: [ed.active.label], labelsControl: null };
    }
    if (ed.active && spec(ed.active.control) && spec(ed.active.control).kind === "generic") {
      const g = specWithOptions(spec(ed.active.control));
      const limit = usageLimit(g, ed.active.label);
      if (limit && labelUses(ed.regions, g.name, ed.active.label) >= limit) {
        tell(`“${ed.active.label}” is already used ${limit} time(s) (maxUsages)`);
        return null;
      }
      return { labels: [ed.active.label], labelsControl: g.name };
    }
    const generic = specs().find((x) => x.kind === "generic");
    return { labels: [], labelsControl: generic ? generic.name : null };
  }

  function addRegion(c, geometry, labelling) {
    const r = { id: newId(), control: c.name, extra: {}, labelsExtra: {}, ow: W(), oh: H(), ...labelling, ...geometry };
    ed.regions.push(r);
    // As in Label Studio, a new region is not selected: picking the next label arms the next
    // region instead of relabeling this one (Airplane, draw; Car, draw). A click selects it.
    ed.selected = null;
    commit();
    return r;
  }

  function deleteSelected() {
    const r = regionById(ed.selected);
    if (!r) return false;
    ed.regions = ed.regions.filter((x) => x !== r);
    ed.selected = null;
    ed.hover = null;
    commit();
    return true;
  }

  // Apply a label to the selected region; false when the label does not fit it.
  function relabel(r, c, label) {
    const own = r.control === c.name && c.kind === "labels";
    const generic = c.kind === "generic" && (!r.control || spec(r.control).kind === "tool");
    if (!own && !generic) return false;
    const full = specWithOptions(c);
    let labels;
    if (c.choice === "multiple") {
      labels = r.labels.includes(label) ? r.labels.filter((x) => x !== label) : [...r.labels, label];
      if (own && !labels.length) return true; // a labeled region keeps at least one label
    } else {
      labels = [label];
      if (r.labels.length === 1 && r.labels[0] === label) return true;
    }
    if (!r.labels.includes(label)) {
      const limit = usageLimit(full, label);
      if (limit && labelUses(ed.regions, c.name, label, r) >= limit) {
        tell(`“${label}” is already used ${limit} time(s) (maxUsages)`);
        return true;
      }
    }
    r.labels = labels;
    if (generic) r.labelsControl = labels.length ? c.name : r.labelsControl;
    commit();
    return true;
  }

  // A label picked by click or hotkey: relabel the selection, else make it the drawing label.
  function pickLabel(controlName, label) {
    const c = spec(controlName);
    if (!c) return;
    const r = regionById(ed.selected);
    if (r && relabel(r, c, label)) {
      ed.drawBar();
      return;
    }
    cancelPolygon();
    ed.selected = null;
    if (ed.active && ed.active.control === controlName && ed.active.label === label) ed.active = null;
    else ed.active = { control: controlName, label };
    if (c.kind === "labels") ed.tool = null;
    ed.drawBar();
    ed.drawList();
    redraw();
  }

  function pickTool(controlName) {
    cancelPolygon();
    ed.tool = ed.tool === controlName ? null : controlName;
    if (ed.active && spec(ed.active.control) && spec(ed.active.control).kind === "labels") ed.active = null;
    ed.drawBar();
    redraw();
  }

  function cancelPolygon() {
    if (!ed.polygon) return false;
    ed.polygon = null;
    redraw();
    return true;
  }

  function closePolygon() {
    if (!ed.polygon) return false;
    if (ed.polygon.points.length < 3) {
      tell("a polygon needs at least 3 points");
      return true;
    }
    const c = spec(ed.polygon.control);
    const done = ed.polygon;
    ed.polygon = null;
    addRegion(c, { shape: "polygon", points: done.points }, { labels: done.labels, labelsControl: done.labelsControl });
    return true;
  }

  return { addRegion, cancelPolygon, closePolygon, commit, deleteSelected, labelsForNew, pickLabel, pickTool };
}
