// @ts-check
// What a person does to the spans (create, label, relabel, remove), checked against each
// label's maxUsages; part of js/text_spans.js, sharing its view state `ed`. Each change is
// one task.edit() of the whole value.
import { newId } from "./_ids.js";
import { pieceAt } from "./_offsets.js";

/** @param {import("./text_spans.js").Editor} ed */
export function spanEdits(ed) {
  const { groupOf, kind, redraw } = ed;

  // -- editing ------------------------------------------------------------------------------------
  function makeItem(g, id, start, end, labels) {
    const grp = groupOf(g);
    const { map } = ed.doc;
    const cs = map.cpOf(start);
    const ce = map.cpOf(end);
    const text = ed.doc.text.slice(start, end);
    if (kind === "text") return { id, start: cs, end: ce, text, [grp.label_key]: labels };
    const a = pieceAt(ed.doc.starts, ed.doc.lengths, start, false);
    const b = pieceAt(ed.doc.starts, ed.doc.lengths, end, true);
    return {
      id,
      start: ed.doc.xpaths[a],
      end: ed.doc.xpaths[b],
      startOffset: cs - map.cpOf(ed.doc.starts[a]),
      endOffset: ce - map.cpOf(ed.doc.starts[b]),
      // (Label Studio's Paragraphs regions have no global offsets)
      ...(kind === "paragraphs" ? {} : { globalOffsets: { start: cs, end: ce } }),
      text,
      [grp.label_key]: labels,
    };
  }

  const orderOf = (item) => {
    if (kind === "text") return [item.start, item.end];
    if (item.globalOffsets) return [item.globalOffsets.start, item.globalOffsets.end];
    const where = kind === "paragraphs" && ed.doc ? ed.locate(item) : null;
    return where ? [where.cpStart, where.cpEnd] : [0, 0];
  };
  function sorted(list) {
    return list.slice().sort((a, b) => {
      const [as, ae] = orderOf(a);
      const [bs, be] = orderOf(b);
      return as - bs || ae - be;
    });
  }

  function limitProblem(value, g, labels, except) {
    const grp = groupOf(g);
    for (const label of labels) {
      const o = grp.options.find((x) => x.value === label);
      const limit = o && o.max_usages;
      if (limit && usage(value, g, label, except) >= limit) {
        return `${o.label} can be used on at most ${limit} span${limit === 1 ? "" : "s"} (maxUsages).`;
      }
    }
    return null;
  }

  function create(start, end, byGroup) {
    const value = ed.task.value();
    // The same stretch already labeled in that group: label that span instead of a duplicate.
    const same = ed.regions.find((r) => r.start === start && r.end === end && byGroup.some(([g]) => r.items[g]));
    if (same) {
      ed.selectedId = same.key;
      ed.pending = null;
      ed.note = { kind: "info", text: "That text is already a span: it is selected; a label relabels it." };
      redraw();
      return;
    }
    for (const [g, labels] of byGroup) {
      const problem = limitProblem(value, g, labels, null);
      if (problem) {
        ed.pending = { start, end };
        ed.note = { kind: "error", text: problem };
        redraw();
        return;
      }
    }
    const id = newId();
    const next = { ...value };
    for (const [g, labels] of byGroup) next[g] = sorted([...(next[g] || []), makeItem(g, id, start, end, labels)]);
    ed.pending = null;
    ed.note = null;
    ed.task.edit(next);
  }

  function applyLabel(g, label) {
    const grp = groupOf(g);
    if (!grp || !ed.doc) return;
    const multiple = grp.choice === "multiple";
    if (ed.pending) {
      create(ed.pending.start, ed.pending.end, [[g, [label]]]);
      return;
    }
    const region = ed.regions.find((r) => r.key === ed.selectedId);
    if (region) {
      const value = ed.task.value();
      const list = [...((value && value[g]) || [])];
      const item = region.items[g];
      if (item) {
        const now = item[grp.label_key] || [];
        let labels;
        if (multiple) labels = now.includes(label) ? now.filter((x) => x !== label) : [...now, label];
        else labels = [label];
        if (labels.length === now.length && labels.every((x, i) => x === now[i])) return;
        const added = labels.filter((x) => !now.includes(x));
        const problem = limitProblem(value, g, added, item);
        if (problem) {
          ed.note = { kind: "error", text: problem };
          redraw();
          return;
        }
        const at = list.indexOf(item);
        if (!labels.length && !grp.allow_empty) list.splice(at, 1);
        else list[at] = { ...item, [grp.label_key]: labels };
      } else {
        const problem = limitProblem(value, g, [label], null);
        if (problem) {
          ed.note = { kind: "error", text: problem };
          redraw();
          return;
        }
        list.push(makeItem(g, region.id, region.start, region.end, [label]));
      }
      ed.note = null;
      ed.task.edit({ ...value, [g]: sorted(list) });
      return;
    }
    // Nothing selected: arm the label for the next selection (click again to disarm).
    const now = ed.armed.get(g) || [];
    let next;
    if (multiple) next = now.includes(label) ? now.filter((x) => x !== label) : [...now, label];
    else next = now.includes(label) ? [] : [label];
    ed.armed = new Map(ed.armed);
    if (next.length) ed.armed.set(g, next);
    else ed.armed.delete(g);
    ed.note = null;
    redraw();
  }

  function removeRegion(region) {
    const value = ed.task.value();
    const next = { ...value };
    for (const [g, item] of Object.entries(region.items)) {
      next[g] = ((value && value[g]) || []).filter((x) => x !== item);
    }
    if (ed.selectedId === region.key) ed.selectedId = null;
    ed.note = null;
    ed.task.edit(next);
  }

  function usage(value, g, label, except) {
    const key = groupOf(g).label_key;
    return ((value && value[g]) || []).filter((item) => item && item !== except && (item[key] || []).includes(label)).length;
  }

  return { applyLabel, create, removeRegion, usage };
}
