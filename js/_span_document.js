// @ts-check
// The document a span view shows (plain text, sanitized HTML split into text nodes, or a
// dialogue's turns) and where each span of a value falls in it; part of js/text_spans.js,
// sharing its view state `ed`.
import { derivedId, offsetMap } from "./_offsets.js";
import { dialogueNode, dialogueText } from "./_dialogue.js";

// XPath of a node relative to `root`, Label Studio style: /p[1]/b[1]/text()[1].
function xpathOf(node, root) {
  const parts = [];
  for (let n = node; n && n !== root; n = n.parentNode) {
    let index = 1;
    if (n.nodeType === Node.TEXT_NODE) {
      for (let s = n.previousSibling; s; s = s.previousSibling) if (s.nodeType === Node.TEXT_NODE) index += 1;
      parts.push(`text()[${index}]`);
    } else {
      const name = n.nodeName.toLowerCase();
      for (let s = n.previousSibling; s; s = s.previousSibling) if (s.nodeName.toLowerCase() === name) index += 1;
      parts.push(`${name}[${index}]`);
    }
  }
  return `/${parts.reverse().join("/")}`;
}

// The text nodes that hold the document's text: in a dialogue only what was said, not who.
export function docNodes(root, kind) {
  if (kind !== "paragraphs") return textNodes(root);
  return [...root.querySelectorAll(".lw-phrase")].flatMap((phrase) => textNodes(phrase));
}

export function textNodes(root) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const out = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) if (/** @type {Text} */ (n).data.length) out.push(n);
  return out;
}

/** @param {import("./text_spans.js").Editor} ed */
export function spanDocument(ed) {
  const { groups, kind } = ed;

  // -- the document (kept per task by _span_prepared.js) -------------------------------------
  function docFor(payload) {
    const source = kind === "html" ? payload.data.html || "" : kind === "paragraphs" ? payload.data.turns || [] : payload.data.text || "";
    let built;
    if (kind === "paragraphs") {
      // One text node per turn that says something; its "XPath" is the turn's index.
      const turns = /** @type {{name: string, text: string}[]} */ (source);
      const html = dialogueNode(turns, payload.data.layout, Boolean(payload.data.sync));
      const { text, starts: turnStarts, ends: turnEnds } = dialogueText(turns);
      const starts = [];
      const lengths = [];
      const xpaths = [];
      turns.forEach((turn, i) => {
        if (!turn.text.length) return;
        starts.push(turnStarts[i]);
        lengths.push(turn.text.length);
        xpaths.push(String(i));
      });
      built = { text, map: offsetMap(text), html, starts, lengths, xpaths, turnStarts, turnEnds };
    } else if (kind === "html") {
      const html = document.createElement("div");
      html.innerHTML = source; // sanitized by Python (nh3) before it was sent
      const nodes = textNodes(html);
      const starts = [];
      const lengths = [];
      let at = 0;
      for (const n of nodes) {
        starts.push(at);
        lengths.push(n.data.length);
        at += n.data.length;
      }
      const text = nodes.map((n) => n.data).join("");
      built = { text, map: offsetMap(text), html, starts, lengths, xpaths: nodes.map((n) => xpathOf(n, html)) };
    } else {
      built = { text: source, map: offsetMap(source) };
    }
    return built;
  }

  // UTF-16 [start, end) of a span of the value, or null when it does not fit the document.
  function locate(item, doc = ed.doc) {
    const { map } = doc;
    let cs;
    let ce;
    if (kind === "text") {
      cs = item.start;
      ce = item.end;
    } else if (item.globalOffsets) {
      cs = item.globalOffsets.start;
      ce = item.globalOffsets.end;
    } else {
      const a = doc.xpaths.indexOf(item.start);
      const b = doc.xpaths.indexOf(item.end);
      if (a < 0 || b < 0) return null;
      cs = map.cpOf(doc.starts[a]) + item.startOffset;
      ce = map.cpOf(doc.starts[b]) + item.endOffset;
    }
    if (!Number.isInteger(cs) || !Number.isInteger(ce) || cs < 0 || ce > map.cpLength || cs >= ce) return null;
    return { start: map.u16Of(cs), end: map.u16Of(ce), cpStart: cs, cpEnd: ce };
  }

  // The regions of a value: `items` are the value's own objects (edits find them by identity),
  // `at` says where each is in its group's list.
  function regionsOf(value, doc = ed.doc) {
    const byKey = new Map();
    for (const g of groups()) {
      const items = (value && value[g.name]) || [];
      items.forEach((item, i) => {
        if (!item || typeof item !== "object") return;
        const where = locate(item, doc);
        if (!where) return;
        const id = item.id || derivedId(`${g.name}|${i}|${JSON.stringify(item)}`);
        let key = id;
        const seen = byKey.get(key);
        if (seen && (seen.start !== where.start || seen.end !== where.end)) key = `${id}#${g.name}`;
        let region = byKey.get(key);
        if (!region) {
          region = { key, id, ...where, text: doc.text.slice(where.start, where.end), items: {}, at: {}, labels: [] };
          byKey.set(key, region);
        }
        region.items[g.name] = item;
        region.at[g.name] = i;
        for (const label of item[g.label_key] || []) {
          region.labels.push({ group: g.name, value: label, color: ed.colorOf(g.name, label) });
        }
      });
    }
    const out = [...byKey.values()];
    for (const r of out) {
      r.color = r.labels.length ? r.labels[0].color : "#888";
      r.name = r.labels.map((l) => ed.labelText(l.group, l.value)).join("+") || "∅";
    }
    out.sort((a, b) => a.start - b.start || b.end - a.end);
    return out;
  }

  return { docFor, locate, regionsOf };
}
