// @ts-check
// Arrangements of a Ranker ({column: [item ids]}), kept apart from the DOM so node tests them.

// The arrangement shown: `value` as given, without ids the task does not have, and with the
// items it does not place back where they start (as Label Studio shows a partial value).
export function arrange(value, items, columns, home) {
  const ids = items.map((i) => i.id);
  const known = new Set(ids);
  const out = Object.fromEntries(columns.map((c) => [c.name, []]));
  const placed = new Set();
  if (value && typeof value === "object") {
    for (const c of columns) {
      for (const id of value[c.name] || []) {
        if (known.has(id) && !placed.has(id)) {
          out[c.name].push(id);
          placed.add(id);
        }
      }
    }
  }
  if (!(home in out)) out[home] = [];
  for (const id of ids) if (!placed.has(id)) out[home].push(id);
  return out;
}

// `value` with item `id` moved to `column` at `index` (its place after removal).
export function moveItem(value, id, column, index) {
  const out = {};
  for (const [name, ids] of Object.entries(value)) out[name] = ids.filter((x) => x !== id);
  const list = out[column] || [];
  const at = Math.max(0, Math.min(index, list.length));
  out[column] = [...list.slice(0, at), id, ...list.slice(at)];
  return out;
}
