// @ts-check
// Region views tell the others which regions they hold and where: the `region`/`regions`
// events (per-region controls and visibleWhen follow them) and `where`/`moved` (relations draw
// their links across objects). The channel is js/_task_widget.js's.

import { emit, listen } from "./_task_widget.js";

/**
 * A region view's announcer: call it after every draw with the shown task, the selected region
 * and all regions ({id, controls, labels}); it emits `region` / `regions` only on a change.
 */
export function regionAnnouncer(group, object) {
  let lastSelected = "";
  let lastTask;
  let lastAll = null; // the list announced last, and its JSON once a redraw needed it
  let lastAllText = null;
  return (task, selected, all) => {
    const sel = JSON.stringify([task, selected]);
    if (sel !== lastSelected) {
      lastSelected = sel;
      emit(group, { type: "region", task, object, region: selected });
    }
    // A new task's list is announced without comparing it (a long document's 2,000 regions
    // would cost the switch their JSON); the same list object is not announced again.
    if (task === lastTask && all === lastAll) return;
    if (task === lastTask) {
      if (lastAllText === null) lastAllText = JSON.stringify(lastAll);
      const every = JSON.stringify(all);
      lastAll = all;
      if (every === lastAllText) return;
      lastAllText = every;
    } else {
      lastTask = task;
      lastAll = all;
      lastAllText = null;
    }
    emit(group, { type: "regions", task, object, regions: all });
  };
}

/**
 * Regions of any kind say where they are, so that one view draws the links between them
 * (relations) whatever object shows them. A region view calls this once: `describe(task)` lists
 * the regions it shows of that task as {id, text, selected, rect: {left, top, width, height}}
 * (client pixels, measured when asked), answering `where {task, regions}`; `moved(task)` says
 * they were drawn again (a redraw, a drag frame, zoom, pan) so links follow at frame rate.
 * `frame()` says the view's box, within which links between its regions are drawn (they must not
 * cover the view's buttons): {rect, contentTop?, reserve?(px)}; a view that can make room above
 * its content (a text) gives where that content starts without the room, and how to reserve it.
 */
export function regionReporter(group, object, describe, frame = null) {
  const off = listen(group, (msg) => {
    if (msg.type !== "where") return;
    const regions = describe(msg.task);
    const box = regions.length && frame ? frame() : null;
    for (const r of regions) msg.regions.push({ object, frame: box, ...r });
  });
  return { moved: (task) => emit(group, { type: "moved", task, object }), dispose: off };
}
