// @ts-check
// The colours of labels that have no `background` in the config: the i-th option gets
// PALETTE[i % PALETTE.length]. Mirrors labelwidget/widgets/palette.py (the gallery's colours);
// tests/test_one_home.py checks the two lists are the same.
export const PALETTE = ["#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#16a2b8", "#f032e6",
  "#9a6324", "#469990", "#808000", "#000075", "#a9a9a9"];

/** A region drawn by a tool with no label (and no strokeColor in the config). */
export const DEFAULT_COLOR = "#f48a42";
