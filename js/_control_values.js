// @ts-check
// Value rules of the classification controls (rating, number, text entries, taxonomy paths),
// as pure functions with no DOM, so `node --test js/tests/` checks them. The views in
// js/rating.js, number.js, text_area.js and taxonomy.js draw and call these.

/** Empty cell: null, undefined, "" or []. */
export function isEmpty(v) {
  return v === undefined || v === null || v === "" || (Array.isArray(v) && v.length === 0);
}

// -- Rating ----------------------------------------------------------------------------------

/** The rating after the hotkey: one star more, and cleared after the top. */
export function nextRating(current, max) {
  const n = Number(current) || 0;
  return n >= max ? null : n + 1;
}

/** The rating after clicking `star`: clicking the current star clears it. */
export function clickRating(current, star) {
  return Number(current) === star ? null : star;
}

// -- Number ----------------------------------------------------------------------------------

const fmt = (n) => String(Number(n.toPrecision(12)));

/**
 * What the number field holds: {value} (null when empty) or {error} for an invalid entry.
 * `bad` is the browser's `validity.badInput` (text a number input cannot read).
 */
export function readNumber(text, { min = null, max = null, bad = false } = {}) {
  const raw = String(text ?? "").trim();
  if (bad) return { error: "not a number" };
  if (raw === "") return { value: null };
  const n = Number(raw);
  if (!Number.isFinite(n)) return { error: `${raw} is not a number` };
  if (min !== null && min !== undefined && n < min) return { error: `${raw} is below the minimum ${fmt(min)}` };
  if (max !== null && max !== undefined && n > max) return { error: `${raw} is above the maximum ${fmt(max)}` };
  return { value: n };
}

// -- TextArea --------------------------------------------------------------------------------

/** Entries of a TextArea cell: a list in "several entries" mode, else zero or one text. */
export function entriesOf(v) {
  if (isEmpty(v)) return [];
  return Array.isArray(v) ? v.map(String) : [String(v)];
}

/**
 * Add `text` as an entry. Returns {entries} or {error} (empty text, over maxSubmissions,
 * or a duplicate when skipDuplicates is set).
 */
export function addEntry(entries, text, { max = null, skipDuplicates = false } = {}) {
  if (!text.trim()) return { error: "write something first" };
  if (max && entries.length >= max) return { error: `at most ${max} entries` };
  if (skipDuplicates && entries.includes(text)) return { error: "already added" };
  return { entries: entries.concat([text]) };
}

/** The cell for a list of entries: a list in "several" mode, else the text (null when empty). */
export function entriesCell(entries, several) {
  if (several) return entries.length ? entries : null;
  return entries.length ? entries[0] : null;
}

// -- Taxonomy --------------------------------------------------------------------------------

export const pathKey = (path) => JSON.stringify(path);

/**
 * Index of a taxonomy tree ([{value, label, children}]): key -> {path, labels, leaf, node}.
 */
export function indexTree(tree) {
  const index = new Map();
  const visit = (nodes, path, labels) => {
    for (const node of nodes || []) {
      const p = path.concat([node.value]);
      const l = labels.concat([node.label ?? node.value]);
      const children = node.children || [];
      index.set(pathKey(p), { path: p, labels: l, leaf: children.length === 0, node });
      visit(children, p, l);
    }
  };
  visit(tree, [], []);
  return index;
}

/** Paths of a Taxonomy cell (list of lists), [] when empty. */
export function pathsOf(v) {
  return Array.isArray(v) ? v.filter(Array.isArray) : [];
}

/**
 * Toggle `path` in `paths`. Returns {paths} or {error}: a non-leaf when leafsOnly is set, or a
 * path over maxUsages (with maxUsages 1, a new path replaces the chosen one, like a select).
 */
export function togglePath(paths, path, { leaf = true, leafsOnly = false, maxUsages = null } = {}) {
  const key = pathKey(path);
  if (paths.some((p) => pathKey(p) === key)) return { paths: paths.filter((p) => pathKey(p) !== key) };
  if (leafsOnly && !leaf) return { error: "only the most specific choices (leaves) can be picked" };
  if (maxUsages === 1) return { paths: [path] };
  if (maxUsages && paths.length >= maxUsages) return { error: `at most ${maxUsages} choices` };
  return { paths: paths.concat([path]) };
}

/** Keys of nodes to show for a filter text: matches and their ancestors (null: show all). */
export function filterTree(index, text) {
  const needle = String(text || "").trim().toLowerCase();
  if (!needle) return null;
  const keep = new Set();
  for (const entry of index.values()) {
    if (entry.labels[entry.labels.length - 1].toLowerCase().includes(needle)) {
      for (let i = 1; i <= entry.path.length; i++) keep.add(pathKey(entry.path.slice(0, i)));
    }
  }
  return keep;
}
