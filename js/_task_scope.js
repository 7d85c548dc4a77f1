// @ts-check
// What a control sees of its task (js/_task_widget.js's bindTask asks): the whole task, the
// selected region's value for a per-region control (`per_region`: {objects, tag, options,
// roles}), or one item for a control inside a <Repeater> or on an Image's valueList
// (`per_item`: {repeater, control, regions}). The view's spec sees and edits that part only;
// the task's value holds {[name]: {region id: value}} or {[name]: [one entry per item]}.
import { isBlank } from "./_visible_when.js";

/**
 * The part of the shown task a control sees. `shown()` and `current()`: the task bindTask
 * shows and its value. The scope follows the `region`, `regions` and `page` events it is given.
 * @param {import("@anywidget/types").AnyModel<import("./_task_widget.js").BoundTraits>} model
 * @param {HTMLElement} el
 * @param {() => string | null} shown
 * @param {() => Record<string, any>} current
 */
export function taskScope(model, el, shown, current) {
  const name = model.get("name");
  const rule = model.get("per_region") || {};
  const perRegion = rule.objects ? rule : null; // (the trait is {} on other widgets)
  let selection = null; // {task, object, region}: the region selected last, on any object
  const lists = new Map(); // object -> {task, regions}: the regions each object announced

  // Inside a <Repeater> ({repeater, control}): the view sees one item, the one its pager shows.
  const itemRule = model.get("per_item") || {};
  const perItem = itemRule.repeater ? itemRule : null;
  let page = 0;
  let pageTask = null; // the task `page` belongs to: another task starts at its first item
  // (`any` data: bindTask's caller says what its task data is)
  /** @type {(task: string) => import("./_contract.js").TaskPayload<any> | null} */
  const fullPayloadOf = (task) => /** @type {import("./_contract.js").TaskPayload<any>} */ ((model.get("tasks") || {})[task]) || null;
  const itemCount = (task) => {
    const p = fullPayloadOf(task);
    const data = /** @type {{items?: unknown[]}} */ (p && p.data); // a Repeater's items
    return (data && Array.isArray(data.items)) ? data.items.length : 0;
  };
  function itemPayload(payload, at) {
    if (!perItem || !payload) return payload;
    const items = (payload.data && payload.data.items) || [];
    return { ...payload, data: items[at] || {}, item: at };
  }
  /** @type {(task: string) => import("./_contract.js").TaskPayload<any> | null} */
  const payloadOf = (task) => itemPayload(fullPayloadOf(task), task === pageTask ? page : 0);

  // The selected region this per-region control edits (on its objects, passing its filter).
  function activeRegion() {
    if (!perRegion || !selection || selection.task !== shown() || !selection.region) return null;
    if (!perRegion.objects.includes(selection.object)) return null;
    return applies(selection.region) ? selection.region : null;
  }
  function applies(region) {
    if (perRegion.tag && !(region.controls || []).includes(perRegion.tag)) return false;
    if ((perRegion.roles || []).length && !perRegion.roles.includes(region.role)) return false;
    return !perRegion.options.length || perRegion.options.some((l) => (region.labels || []).includes(l));
  }
  // A per-region control says which region it edits (the region's text or labels).
  let caption = null;
  function drawCaption(region) {
    if (!caption) {
      caption = document.createElement("div"); // (not h(): this module is imported by its home)
      caption.className = "lw-region-caption";
      el.prepend(caption);
    }
    const labels = region ? (region.labels || []).join(", ") : "";
    const what = region && region.text ? `“${region.text.length > 40 ? `${region.text.slice(0, 39)}…` : region.text}”` : "the selected region";
    caption.textContent = region ? `${name} for ${what}${labels ? ` (${labels})` : ""}` : "";
  }
  // What the view's spec sees: item `at`'s entry of a per-item control's list.
  function itemValue(value, at) {
    const list = value && value[name];
    return { ...value, [name]: Array.isArray(list) && list[at] !== undefined ? list[at] : null };
  }
  // What the view's spec sees: the selected region's value, for a per-region control.
  // Regions on an Image's list: the view sees (and edits) the regions of the image shown.
  const itemRegions = (perItem && perItem.regions) || [];
  function onPage(value, at) {
    const out = { ...value };
    for (const key of itemRegions) {
      if (Array.isArray(out[key])) out[key] = out[key].filter((r) => (r.item_index ?? 0) === at);
    }
    return out;
  }
  function project(value) {
    if (itemRegions.length) return onPage(value, page);
    if (perItem && perItem.control) return itemValue(value, page);
    if (!perRegion) return value;
    const region = activeRegion();
    drawCaption(region);
    const map = (value && value[name]) || {};
    return { ...value, [name]: region && map[region.id] !== undefined ? map[region.id] : null };
  }
  // A spec's edit of the projected value, written back into {region id: value}.
  function embed(value) {
    const now = current();
    if (itemRegions.length) {
      const out = { ...now, ...value };
      for (const key of itemRegions) {
        if (!(key in value)) continue;
        const others = (Array.isArray(now[key]) ? now[key] : []).filter((r) => (r.item_index ?? 0) !== page);
        const mine = (Array.isArray(value[key]) ? value[key] : []).map((r) => ({ ...r, item_index: page }));
        out[key] = others.concat(mine);
      }
      return out;
    }
    if (perItem && perItem.control) {
      const list = Array.isArray(now && now[name]) ? [...now[name]] : [];
      while (list.length < Math.max(itemCount(shown()), page + 1)) list.push(null);
      list[page] = isBlank(value[name]) ? null : value[name];
      return { ...now, [name]: list.every((v) => v === null) ? null : list };
    }
    if (!perRegion) return value;
    const region = activeRegion();
    if (!region) return now; // nothing selected: nothing to edit
    const map = { ...((now && now[name]) || {}) };
    if (isBlank(value[name])) delete map[region.id];
    else map[region.id] = value[name];
    return { ...now, [name]: Object.keys(map).length ? map : null };
  }

  // Required per-region values: every region (of the shown task) the control applies to.
  function missingPerRegion(value) {
    if (!model.get("required")) return [];
    const map = (value && value[name]) || {};
    const out = [];
    for (const object of perRegion.objects) {
      const known = lists.get(object);
      if (!known || known.task !== shown()) continue;
      for (const r of known.regions) {
        if (applies(r) && isBlank(map[r.id])) {
          const what = `region "${r.id}" (${(r.labels || []).join("+") || "no label"}${r.text ? ` "${r.text.slice(0, 30)}"` : ""})`;
          const own = model.get("required_message");
          out.push(own ? `${own} (${what})` : `${name}: ${what} needs a value`);
        }
      }
    }
    return out;
  }

  return {
    perRegion, perItem, fullPayloadOf, payloadOf, itemCount, itemPayload, itemValue, project, embed, activeRegion, missingPerRegion,
    /** The selection, when it is on the shown task. */
    selected: () => (selection && selection.task === shown() ? selection : null),
    /** A task is shown: another task starts at its first item. */
    enter(task) {
      if (task !== pageTask) {
        pageTask = task;
        page = 0;
      }
    },
    /** A `region` event: the region selected on an object (null: that object's was dropped). */
    select(msg) {
      if (msg.region) selection = { task: msg.task, object: msg.object, region: msg.region };
      else if (!selection || selection.object === msg.object) selection = { task: msg.task, object: msg.object, region: null };
    },
    /** A `regions` event: the regions an object holds. */
    hold(msg) {
      lists.set(msg.object, { task: msg.task, regions: msg.regions || [] });
    },
    /** A `page` event; true when it turned this view's pager (the view draws again). */
    turn(msg) {
      if (!perItem || msg.repeater !== perItem.repeater || msg.task !== shown()) return false;
      pageTask = shown();
      page = msg.index;
      return true;
    },
  };
}
