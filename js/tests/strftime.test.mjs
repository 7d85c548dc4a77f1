// Unit tests of js/_strftime.js: `node --test js/tests/`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { format, fromInput, fromInputMoment, hasSeconds, order, parse, toInput, tokens } from "../_strftime.js";

const moment = (year, month, day, hour = 0, minute = 0, second = 0, micro = 0) =>
  ({ year, month, day, hour, minute, second, micro });

test("parses Label Studio's default formats", () => {
  assert.deepEqual(parse("2021-01-12T14:30", "%Y-%m-%dT%H:%M"), moment(2021, 1, 12, 14, 30));
  assert.deepEqual(parse("2021-01-12", "%Y-%m-%d"), moment(2021, 1, 12));
  assert.deepEqual(parse("14:30", "%H:%M"), moment(1900, 1, 1, 14, 30));
  assert.deepEqual(parse("2021-07", "%Y-%m"), moment(2021, 7, 1));
  assert.deepEqual(parse("1999", "%Y"), moment(1999, 1, 1));
});

test("formats a moment with zero padding and names", () => {
  const m = moment(2021, 1, 5, 9, 3, 7, 1200);
  assert.equal(format(m, "%Y-%m-%dT%H:%M:%S.%f"), "2021-01-05T09:03:07.001200");
  assert.equal(format(m, "%d/%m/%y %I:%M %p"), "05/01/21 09:03 AM");
  assert.equal(format(moment(2021, 1, 5, 21), "%I %p"), "09 PM");
  assert.equal(format(moment(2021, 1, 5, 0), "%I %p"), "12 AM");
  assert.equal(format(m, "%a %A %b %B %j %%"), "Tue Tuesday Jan January 005 %");
  assert.equal(format(moment(2024, 12, 31), "%j"), "366");
});

test("parses what Python's strptime accepts: unpadded numbers, names in any case, 12-hour clock", () => {
  assert.deepEqual(parse("5/1/2021", "%d/%m/%Y"), moment(2021, 1, 5));
  assert.deepEqual(parse("12 JANUARY 2021", "%d %B %Y"), moment(2021, 1, 12));
  assert.deepEqual(parse("12 jan 2021", "%d %b %Y"), moment(2021, 1, 12));
  assert.deepEqual(parse("12 AM", "%I %p"), moment(1900, 1, 1, 0));
  assert.deepEqual(parse("12 pm", "%I %p"), moment(1900, 1, 1, 12));
  assert.deepEqual(parse("01 pm", "%I %p"), moment(1900, 1, 1, 13));
  assert.deepEqual(parse("2021   05", "%Y %m"), moment(2021, 5, 1)); // a space matches any run of spaces
  assert.deepEqual(parse("68", "%y"), moment(2068, 1, 1));
  assert.deepEqual(parse("69", "%y"), moment(1969, 1, 1));
  assert.deepEqual(parse("2021 032", "%Y %j"), moment(2021, 2, 1));
  assert.deepEqual(parse("2021 366", "%Y %j"), moment(2022, 1, 1)); // Python rolls over too
  assert.deepEqual(parse("7.5", "%S.%f"), moment(1900, 1, 1, 0, 0, 7, 500000));
  assert.deepEqual(parse("Tue 2021-01-05", "%a %Y-%m-%d"), moment(2021, 1, 5));
});

test("refuses what strptime refuses", () => {
  for (const [text, fmt] of [
    ["2021-02-30", "%Y-%m-%d"], ["2023-02-29", "%Y-%m-%d"], ["2021-13-01", "%Y-%m-%d"],
    ["21-01-01", "%Y-%m-%d"], ["2021-01-01 ", "%Y-%m-%d"], ["24:00", "%H:%M"], ["12:60", "%H:%M"],
    ["2021-01-01T10:00", "%Y-%m-%d"], ["", "%Y"], ["x", "%Y"],
  ]) assert.equal(parse(text, fmt), null, `${text} in ${fmt}`);
  assert.deepEqual(parse("2024-02-29", "%Y-%m-%d"), moment(2024, 2, 29));
  assert.equal(parse(null, "%Y"), null);
});

test("literal text in the format is matched literally, regex characters included", () => {
  assert.deepEqual(parse("(2021).[05]", "(%Y).[%m]"), moment(2021, 5, 1));
  assert.equal(parse("(2021)x[05]", "(%Y).[%m]"), null);
  assert.deepEqual(parse("100% 2021", "100%% %Y"), moment(2021, 1, 1));
});

test("unsupported directives fail with a message naming them", () => {
  assert.throws(() => tokens("%Y %Q"), /%Q is not supported/);
  assert.throws(() => parse("x", "%z"), /%z is not supported/);
});

test("format and parse round-trip", () => {
  const formats = ["%Y-%m-%dT%H:%M:%S", "%d.%m.%Y %I:%M:%S %p", "%A, %d %B %Y %H:%M", "%Y %j %H", "%b %d %Y"];
  for (let i = 0; i < 500; i++) {
    const year = 1 + ((i * 7919) % 9999);
    const month = 1 + (i % 12);
    const day = 1 + ((i * 13) % 28);
    const m = moment(year, month, day, (i * 5) % 24, (i * 11) % 60, (i * 17) % 60);
    for (const fmt of formats) {
      const back = parse(format(m, fmt), fmt);
      assert.ok(back, `${format(m, fmt)} in ${fmt}`);
      assert.equal(format(back, fmt), format(m, fmt));
    }
  }
});

test("converts between the tag's format and the browser input's value", () => {
  assert.equal(toInput("12/01/2021 14:30", "%d/%m/%Y %H:%M", "datetime"), "2021-01-12T14:30");
  assert.equal(toInput("12/01/2021 14:30:05", "%d/%m/%Y %H:%M:%S", "datetime"), "2021-01-12T14:30:05");
  assert.equal(toInput("12/01/2021", "%d/%m/%Y", "date"), "2021-01-12");
  assert.equal(toInput("2:30 PM", "%I:%M %p", "time"), "14:30");
  assert.equal(toInput("Jan 2021", "%b %Y", "month"), "2021-01");
  assert.equal(toInput("'99", "'%y", "year"), "1999");
  assert.equal(toInput("garbage", "%Y", "year"), "");
  assert.equal(toInput(null, "%Y", "year"), "");

  assert.equal(fromInput("2021-01-12T14:30", "%d/%m/%Y %H:%M", "datetime"), "12/01/2021 14:30");
  assert.equal(fromInput("2021-01-12T14:30:59.123", "%Y-%m-%d %H:%M:%S", "datetime"), "2021-01-12 14:30:59");
  assert.equal(fromInput("2021-01-12", "%d %B %Y", "date"), "12 January 2021");
  assert.equal(fromInput("14:30", "%I:%M %p", "time"), "02:30 PM");
  assert.equal(fromInput("2021-03", "%m/%Y", "month"), "03/2021");
  assert.equal(fromInput("2021", "%Y", "year"), "2021");
  assert.equal(fromInput("", "%Y", "year"), null);
  assert.equal(fromInput("2021-02-30", "%Y-%m-%d", "date"), null);
  assert.equal(fromInput("99999", "%Y", "year"), null);
});

test("orders moments for min/max checks", () => {
  const a = fromInputMoment("2021-01-12T14:30", "datetime");
  const b = fromInputMoment("2021-01-12T14:31", "datetime");
  assert.ok(order(a) < order(b));
  assert.ok(order(moment(1, 1, 1)) < order(moment(99, 1, 1)));
  assert.ok(order(moment(2000, 1, 1, 0, 0, 0, 1)) > order(moment(2000, 1, 1)));
});

test("knows when a format keeps seconds", () => {
  assert.equal(hasSeconds("%H:%M"), false);
  assert.equal(hasSeconds("%H:%M:%S"), true);
  assert.equal(hasSeconds("%H%%S"), false);
});
