// @ts-check
// Label Studio's visibleWhen, evaluated in the browser (config/conditions.py checks the
// attributes; Python sends them as `visible_when`, the VisibleWhen of js/_contract.js).

/** @typedef {import("./_contract.js").VisibleWhen} VisibleWhen */

// A control hidden by its own rule or inside a View hidden by its condition widget.
export const HIDDEN = "[data-lw-hidden], .widget-box:has(> .lw-condition[data-lw-hidden])";

export const isBlank = (v) => v === undefined || v === null || v === "" || (Array.isArray(v) && v.length === 0);

// Options a Choices or Taxonomy cell holds (a taxonomy path counts by its leaf).
function chosen(cell) {
  if (isBlank(cell)) return [];
  return [].concat(cell).map((x) => (Array.isArray(x) ? x[x.length - 1] : x)).filter((x) => typeof x === "string" && x !== "");
}

/**
 * Label Studio's visibleWhen, evaluated in the browser. `selection`: the selected region
 * ({object, region}) or null; `values()`: the shown task's control values.
 * @param {Partial<VisibleWhen>} cond
 * @param {{object?: string, region: any} | null} selection
 * @param {() => Record<string, any>} values
 */
export function conditionHolds(cond, selection, values) {
  const region = selection && selection.region;
  if (cond.when === "region-selected") {
    if (!region) return false;
    if (cond.tag && !(region.controls || []).includes(cond.tag)) return false;
    if ((cond.roles || []).length && !cond.roles.includes(region.role)) return false; // whenRole
    return !cond.options.length || cond.options.some((l) => (region.labels || []).includes(l));
  }
  if (cond.when === "no-region-selected") return !region;
  const all = values();
  const names = cond.tag ? [cond.tag] : cond.choice_controls || [];
  const picked = (name) => {
    const cell = all[name];
    if ((cond.per_region_tags || []).includes(name)) {
      // a per-region Choices counts on the selected region (Label Studio: the same area)
      return region && cell && typeof cell === "object" ? chosen(cell[region.id]) : [];
    }
    return chosen(cell);
  };
  const selected = names.some((name) => {
    const got = picked(name);
    return got.length > 0 && (!cond.options.length || cond.options.some((c) => got.includes(c)));
  });
  return cond.when === "choice-unselected" ? !selected : selected;
}
