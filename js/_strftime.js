// @ts-check
// Dates between a DateTime tag's `format` (Python strftime, as Label Studio stores it) and the
// value of the browser's <input type=date|time|datetime-local|month>. Pure functions, no DOM:
// tested by `node --test js/tests/`. Parsing accepts what Python's `datetime.strptime` accepts
// for the supported directives (C locale, case-insensitive names, any run of whitespace for a
// space), so a string the browser sends always passes the Python value model.

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
  "September", "October", "November", "December"];
const DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

const names = (list) => list.map((n) => n.toLowerCase()).sort((a, b) => b.length - a.length);

// directive -> [pattern matched when parsing, field it sets]
const PATTERNS = {
  Y: ["\\d{4}", "year"],
  y: ["\\d{2}", "year2"],
  m: ["1[0-2]|0[1-9]|[1-9]", "month"],
  d: ["3[01]|[12]\\d|0[1-9]|[1-9]| [1-9]", "day"],
  H: ["2[0-3]|[01]\\d|\\d", "hour"],
  I: ["1[0-2]|0[1-9]|[1-9]", "hour12"],
  M: ["[0-5]\\d|\\d", "minute"],
  S: ["[0-5]\\d|\\d", "second"],
  f: ["\\d{1,6}", "micro"],
  j: ["36[0-6]|3[0-5]\\d|[12]\\d\\d|0[1-9]\\d|00[1-9]|[1-9]\\d|0[1-9]|[1-9]", "yday"],
  p: ["am|pm", "ampm"],
  b: [names(MONTHS.map((m) => m.slice(0, 3))).join("|"), "mon"],
  B: [names(MONTHS).join("|"), "monthName"],
  a: [names(DAYS.map((d) => d.slice(0, 3))).join("|"), "weekday"],
  A: [names(DAYS).join("|"), "weekday"],
};

export const SUPPORTED = Object.keys(PATTERNS).concat(["%"]);

/** The directives of `fmt` as tokens: {lit: text} or {dir: "Y"}; throws on unknown ones. */
export function tokens(fmt) {
  const out = [];
  let lit = "";
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i];
    if (c !== "%") {
      lit += c;
      continue;
    }
    const d = fmt[++i];
    if (d === "%") {
      lit += "%";
      continue;
    }
    if (!(d in PATTERNS)) {
      throw new Error(`format ${JSON.stringify(fmt)}: %${d ?? ""} is not supported (use ${SUPPORTED.map((s) => "%" + s).join(" ")})`);
    }
    if (lit) out.push({ lit });
    lit = "";
    out.push({ dir: d });
  }
  if (lit) out.push({ lit });
  return out;
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysIn(year, month) {
  return month === 2 && leap(year) ? 29 : DAYS_IN_MONTH[month - 1];
}

function leap(year) {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * Parse `text` written in strftime `fmt`. Returns the moment as
 * {year, month, day, hour, minute, second, micro} (missing parts take Python's defaults:
 * 1900-01-01 00:00:00), or null when `text` does not match.
 */
export function parse(text, fmt) {
  if (typeof text !== "string") return null;
  const parts = tokens(fmt);
  const fields = [];
  let source = "";
  for (const t of parts) {
    if (t.lit !== undefined) {
      source += t.lit.split(/\s+/).map(escape).join("\\s+");
    } else {
      source += `(${PATTERNS[t.dir][0]})`;
      fields.push(PATTERNS[t.dir][1]);
    }
  }
  const match = new RegExp(`^(?:${source})$`, "i").exec(text);
  if (!match) return null;
  const got = {};
  fields.forEach((field, i) => (got[field] = match[i + 1].trim().toLowerCase()));

  let year = 1900;
  if (got.year !== undefined) year = Number(got.year);
  else if (got.year2 !== undefined) {
    const y = Number(got.year2);
    year = y <= 68 ? 2000 + y : 1900 + y; // POSIX, as Python does
  }
  let month = 1;
  if (got.month !== undefined) month = Number(got.month);
  else if (got.mon !== undefined) month = MONTHS.findIndex((m) => m.slice(0, 3).toLowerCase() === got.mon) + 1;
  else if (got.monthName !== undefined) month = MONTHS.findIndex((m) => m.toLowerCase() === got.monthName) + 1;
  let day = got.day !== undefined ? Number(got.day) : 1;
  let hour = 0;
  if (got.hour !== undefined) hour = Number(got.hour);
  else if (got.hour12 !== undefined) {
    hour = Number(got.hour12) % 12;
    if (got.ampm === "pm") hour += 12;
  }
  const minute = got.minute !== undefined ? Number(got.minute) : 0;
  const second = got.second !== undefined ? Number(got.second) : 0;
  const micro = got.micro !== undefined ? Number(got.micro.padEnd(6, "0")) : 0;
  if (year < 1) return null; // Python's datetime starts at year 1
  if (got.yday !== undefined && got.month === undefined && got.mon === undefined &&
      got.monthName === undefined && got.day === undefined) {
    const yday = Number(got.yday); // day 366 of a common year is January 1st next, as in Python
    const date = new Date(Date.UTC(2000, 0, 1));
    date.setUTCFullYear(year, 0, yday);
    year = date.getUTCFullYear();
    month = date.getUTCMonth() + 1;
    day = date.getUTCDate();
  }
  if (day > daysIn(year, month)) return null;
  return { year, month, day, hour, minute, second, micro };
}

const pad = (n, width) => String(n).padStart(width, "0");

function weekday(m) {
  const date = new Date(Date.UTC(2000, 0, 1));
  date.setUTCFullYear(m.year, m.month - 1, m.day);
  return (date.getUTCDay() + 6) % 7; // Monday = 0, as Python
}

function yearDay(m) {
  let n = m.day;
  for (let month = 1; month < m.month; month++) n += daysIn(m.year, month);
  return n;
}

/** Write the moment `m` (as returned by parse) in strftime `fmt`. */
export function format(m, fmt) {
  const moment = { year: 1900, month: 1, day: 1, hour: 0, minute: 0, second: 0, micro: 0, ...m };
  return tokens(fmt).map((t) => {
    if (t.lit !== undefined) return t.lit;
    switch (t.dir) {
      case "Y": return pad(moment.year, 4);
      case "y": return pad(moment.year % 100, 2);
      case "m": return pad(moment.month, 2);
      case "d": return pad(moment.day, 2);
      case "H": return pad(moment.hour, 2);
      case "I": return pad(moment.hour % 12 || 12, 2);
      case "M": return pad(moment.minute, 2);
      case "S": return pad(moment.second, 2);
      case "f": return pad(moment.micro, 6);
      case "j": return pad(yearDay(moment), 3);
      case "p": return moment.hour < 12 ? "AM" : "PM";
      case "b": return MONTHS[moment.month - 1].slice(0, 3);
      case "B": return MONTHS[moment.month - 1];
      case "a": return DAYS[weekday(moment)].slice(0, 3);
      case "A": return DAYS[weekday(moment)];
      default: throw new Error(`%${t.dir}`);
    }
  }).join("");
}

/** Milliseconds-like key to order two moments. */
export function order(m) {
  const date = new Date(Date.UTC(2000, 0, 1));
  date.setUTCFullYear(m.year, m.month - 1, m.day);
  date.setUTCHours(m.hour, m.minute, m.second, 0);
  return date.getTime() * 1000 + (m.micro || 0);
}

// How the widget receives min/max: ISO 8601, whatever the tag's format.
export const ISO = "%Y-%m-%dT%H:%M:%S";

// The browser input used for each `only` mode (a year is a plain number input).
export const INPUT_TYPES = { datetime: "datetime-local", date: "date", time: "time", month: "month", year: "number" };

/** True when `fmt` keeps seconds, so the browser input should offer them (step=1). */
export function hasSeconds(fmt) {
  return tokens(fmt).some((t) => t.dir === "S" || t.dir === "f");
}

/**
 * The browser input's value for `text` (in `fmt`), or "" when `text` is empty or not in `fmt`.
 * `seconds`: whether the input shows seconds (by default: when `fmt` keeps them).
 */
export function toInput(text, fmt, only = "datetime", seconds = hasSeconds(fmt)) {
  const m = parse(text, fmt);
  if (!m) return "";
  const date = `${pad(m.year, 4)}-${pad(m.month, 2)}-${pad(m.day, 2)}`;
  const time = `${pad(m.hour, 2)}:${pad(m.minute, 2)}` + (seconds ? `:${pad(m.second, 2)}` : "");
  switch (only) {
    case "date": return date;
    case "time": return time;
    case "month": return date.slice(0, 7);
    case "year": return String(m.year);
    default: return `${date}T${time}`;
  }
}

const INPUT_RE = {
  datetime: /^(\d{4,})-(\d\d)-(\d\d)[T ](\d\d):(\d\d)(?::(\d\d)(?:\.\d+)?)?$/,
  date: /^(\d{4,})-(\d\d)-(\d\d)$/,
  time: /^()()()(\d\d):(\d\d)(?::(\d\d)(?:\.\d+)?)?$/,
  month: /^(\d{4,})-(\d\d)()$/,
  year: /^(\d{1,4})()()$/,
};

/** The moment an input value stands for (null when empty or malformed). */
export function fromInputMoment(value, only = "datetime") {
  const match = (INPUT_RE[only] || INPUT_RE.datetime).exec(String(value ?? "").trim());
  if (!match) return null;
  const n = (s, dflt) => (s === undefined || s === "" ? dflt : Number(s));
  const m = {
    year: n(match[1], 1900), month: n(match[2], 1), day: n(match[3], 1),
    hour: n(match[4], 0), minute: n(match[5], 0), second: n(match[6], 0), micro: 0,
  };
  if (m.year < 1 || m.year > 9999 || m.month < 1 || m.month > 12 || m.day < 1 ||
      m.day > daysIn(m.year, m.month) || m.hour > 23 || m.minute > 59 || m.second > 59) return null;
  return m;
}

/** The browser input's value written in the tag's `fmt` (null when empty or malformed). */
export function fromInput(value, fmt, only = "datetime") {
  const m = fromInputMoment(value, only);
  return m ? format(m, fmt) : null;
}
