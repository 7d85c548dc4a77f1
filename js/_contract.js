// @ts-check
// What crosses the comm between Python and the browser: every spec, payload and message, as
// JSDoc types (checked by `npm run typecheck`). Mirrors the TypedDicts of
// labelwidget/widgets/_specs.py, _task_payloads.py and _messages.py one to one (listed in
// _contract.py): same names, same keys, optional keys in [brackets] (tests/test_contract.py
// compares them). `options` are a control's choices/labels; null is "no limit".
//
// Specs: what a widget knows of its control, sent once.

/**
 * One option of a control (a Choice, Label, Relation): `value` is stored, `label` shown.
 * @typedef {Object} OptionSpec
 * @property {string} value
 * @property {string} label
 * @property {string} [hotkey]
 * @property {string} [background]
 * @property {boolean} [selected]
 * @property {number | null} [max_usages]
 */

/**
 * @typedef {Object} TaxonomyNode
 * @property {string} value
 * @property {string} label
 * @property {TaxonomyNode[]} children
 */

/**
 * One span control (Labels, HyperTextLabels) of a text spans widget.
 * @typedef {Object} SpanGroup
 * @property {string} name
 * @property {"single" | "multiple"} choice
 * @property {string} label_key
 * @property {boolean} show_inline
 * @property {boolean} allow_empty
 * @property {boolean} required
 * @property {string} required_message
 * @property {OptionSpec[]} options
 */

/**
 * One region control of an image regions widget.
 * @typedef {Object} RegionControlSpec
 * @property {string} name
 * @property {string} tag
 * @property {"labels" | "tool" | "generic"} kind
 * @property {string | null} shape
 * @property {string | null} label_key
 * @property {OptionSpec[]} options
 * @property {string} choice
 * @property {number | null} max_usages
 * @property {string} snap
 * @property {string} color
 * @property {boolean} required
 * @property {string} required_message
 * @property {boolean} dynamic
 */

/**
 * One segment control (Labels on Audio) of an audio widget.
 * @typedef {Object} SegmentControlSpec
 * @property {string} name
 * @property {string} tag
 * @property {string} label_key
 * @property {string} choice
 * @property {number | null} max_usages
 * @property {boolean} required
 * @property {string} required_message
 * @property {OptionSpec[]} options
 */

/**
 * @typedef {Object} PlaybackKeys
 * @property {string} play
 * @property {string} back
 * @property {string} forward
 */

/**
 * @typedef {Object} RankerColumn
 * @property {string} name
 * @property {string} title
 */

/**
 * perRegion: the control edits the selected region of `objects` drawn by `tag` ("" any)
 * carrying one of `options` (empty: any).
 * @typedef {Object} PerRegion
 * @property {string[]} objects
 * @property {string} tag
 * @property {string[]} options
 * @property {string[]} roles
 */

/**
 * visibleWhen: `options` are whenLabelValue's labels or whenChoiceValue's choices.
 * @typedef {Object} VisibleWhen
 * @property {string} when
 * @property {string} tag
 * @property {string[]} options
 * @property {string[]} roles
 * @property {string[]} choice_controls
 * @property {string[]} per_region_tags
 */

/**
 * Inside a <Repeater>: the widget shows one item at a time.
 * @typedef {Object} PerItem
 * @property {string} repeater
 * @property {boolean} control
 * @property {string[]} [regions]
 */

// The toolbar's state.

/**
 * @typedef {Object} Nav
 * @property {string} center
 * @property {string[]} prev
 * @property {string[]} next
 * @property {number} jump
 */

/**
 * @typedef {Object} Progress
 * @property {number} done
 * @property {number} skipped
 * @property {number} total
 * @property {string} label
 * @property {number} [position]
 * @property {boolean} [edited]
 * @property {number} [unsaved]
 * @property {string} [problems]
 * @property {string} [team]
 */

/**
 * @typedef {Object} Status
 * @property {"info" | "error" | "saved"} kind
 * @property {string} text
 */

/**
 * @typedef {Object} UndoInfo
 * @property {string} undo
 * @property {string} redo
 * @property {string} [undo_task]
 * @property {string} [redo_task]
 */

// Task payloads: `tasks` of every task widget.

/**
 * One task as a widget holds it (`data`: what the widget shows, per widget).
 * @template [D=Record<string, any>]
 * @typedef {Object} TaskPayload
 * @property {number} rev
 * @property {D} data
 * @property {Record<string, any>} value
 * @property {Record<string, any>} [base]
 */

/**
 * @typedef {Object} ImageRef
 * @property {string} key
 * @property {number} width
 * @property {number} height
 */

/**
 * @typedef {Object} ImageData
 * @property {ImageRef} [image]
 * @property {string} [url]
 * @property {string} [error]
 * @property {Record<string, string[]>} [options]
 * @property {ImageData[]} [items]
 */

/**
 * @typedef {Object} Turn
 * @property {string} name
 * @property {string} text
 * @property {number} [start]
 * @property {number} [end]
 */

/**
 * What a Text, HyperText, Header or Paragraphs shows.
 * @typedef {Object} TextData
 * @property {string} [text]
 * @property {string} [html]
 * @property {string[]} [paragraphs]
 * @property {Turn[]} [turns]
 * @property {string} [layout]
 * @property {string} [sync]
 * @property {boolean} [scroll]
 * @property {string} [empty]
 * @property {string} [error]
 */

/**
 * Options a Choices reads from a column, flat or (allowNested) as a tree.
 * @typedef {Object} ChoicesData
 * @property {string[]} [options]
 * @property {TaxonomyNode[]} [tree]
 */

/**
 * @typedef {Object} RankerItem
 * @property {string} id
 * @property {string} title
 * @property {string} body
 * @property {string} html
 */

/**
 * @typedef {Object} RankerData
 * @property {RankerItem[]} [items]
 * @property {string} [error]
 */

/**
 * @typedef {Object} TableData
 * @property {string[][]} [rows]
 * @property {string} [error]
 */

/**
 * @typedef {Object} ChatData
 * @property {Record<string, any>[]} messages
 * @property {number | null} min
 * @property {number | null} max
 * @property {string} [error]
 * @property {string} [empty]
 */

/**
 * @typedef {Object} AudioRef
 * @property {string} key
 * @property {string} mime
 * @property {number | null} duration
 * @property {number | null} rate
 * @property {number | null} channels
 */

/**
 * @typedef {Object} AudioData
 * @property {AudioRef} [audio]
 * @property {string} [url]
 * @property {string} [error]
 */

/**
 * @typedef {Object} Prediction
 * @property {Record<string, any>} values
 * @property {number} [score]
 * @property {string} [model_version]
 */

/**
 * @typedef {Object} SuggestionData
 * @property {Prediction[]} predictions
 * @property {boolean} labeled
 * @property {string} note
 */

// Messages.

/**
 * @typedef {Object} EditEntry
 * @property {Record<string, any>} before
 * @property {Record<string, any>} after
 */

/**
 * Browser -> Python: a move or a write made in the browser.
 * @typedef {Object} NavigateMsg
 * @property {"navigate"} type
 * @property {"previous" | "next" | "submit" | "skip" | "undo_submit" | "redo_submit"} action
 * @property {string | null} [task]
 * @property {string | null} [to]
 * @property {Record<string, any> | null} [values]
 * @property {number} [seq]
 * @property {number} [lead_time]
 * @property {number} [ahead] how many tasks the browser still holds past `to`
 */

/**
 * Browser -> Python: the browser changed its copy of a task's edit history.
 * @typedef {Object} EditsOpMsg
 * @property {"edits"} type
 * @property {"push" | "merge" | "undo" | "redo" | "clear"} op
 * @property {string} task
 * @property {EditEntry | null} [entry]
 * @property {number} [seq]
 * @property {number} [lead_time]
 */

/**
 * Python -> browser: the message `seq` was handled (`error`: why it failed).
 * @typedef {Object} AckMsg
 * @property {"ack"} type
 * @property {number | null} seq
 * @property {string | null} error
 */

/**
 * Python -> browser: Python changed a task's edit history itself.
 * @typedef {Object} EditsMsg
 * @property {"edits"} type
 * @property {string} task
 * @property {EditEntry[]} undo
 * @property {EditEntry[]} redo
 */

/**
 * Browser -> Python: send the bytes of these images.
 * @typedef {Object} ImagesMsg
 * @property {"images"} type
 * @property {string[]} keys
 */

/**
 * Python -> browser: an image's bytes (the message's one buffer), or why not.
 * @typedef {Object} ImageMsg
 * @property {"image"} type
 * @property {string} key
 * @property {string} [mime]
 * @property {number} [width]
 * @property {number} [height]
 * @property {string} [error]
 */

/**
 * Browser -> Python: send the bytes of these audio files.
 * @typedef {Object} AudiosMsg
 * @property {"audios"} type
 * @property {string[]} keys
 */

/**
 * Python -> browser: audio bytes (first buffer) and, with `peaks`, the waveform's peaks.
 * @typedef {Object} AudioMsg
 * @property {"audio"} type
 * @property {string} key
 * @property {string} [mime]
 * @property {boolean} [peaks]
 * @property {number} [block]
 * @property {string} [error]
 * @property {boolean} [early]
 */

/**
 * Browser -> Python: ask the Chat's model for the next message of `task`.
 * @typedef {Object} ReplyMsg
 * @property {"reply"} type
 * @property {string} task
 */

/**
 * Python -> browser: the reply to `task` arrived as its new value (or `error`).
 * @typedef {Object} ReplyDoneMsg
 * @property {"reply_done"} type
 * @property {string | null} task
 * @property {string | null} error
 */

/**
 * A problem the playground found in the config (`line` null: not tied to a line).
 * @typedef {Object} Problem
 * @property {number | null} line
 * @property {"error" | "warning"} severity
 * @property {string} message
 */

/**
 * @typedef {Object} EditorStatus
 * @property {"ok" | "error"} kind
 * @property {string} text
 */

/**
 * Browser -> Python: start the playground from the template `name`.
 * @typedef {Object} TemplateMsg
 * @property {"template"} type
 * @property {string} name
 */

/**
 * Browser -> Python: open the config file at `path`.
 * @typedef {Object} OpenMsg
 * @property {"open"} type
 * @property {string} path
 */

export {};
