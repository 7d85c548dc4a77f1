// @ts-check
// A <View visibleWhen=...>: shows or hides the View's box; mirrors
// labelwidget/widgets/condition.py. It draws nothing; bindTask evaluates the condition.
import { bindTask } from "./_task_widget.js";

/** @typedef {import("./_task_widget.js").TaskTraits} TaskTraits */

/**
 * Synced traits of ConditionWidget (labelwidget/widgets/condition.py), besides TaskTraits.
 * @typedef {Object} Traits
 * @property {string} name
 */

/** @param {import("@anywidget/types").RenderProps<TaskTraits & Traits>} props */
function render({ model, el }) {
  // ipywidgets puts each child view's element directly in its box's element: the stylesheet
  // hides the box holding a hidden condition (labelwidget.css), whenever it is attached.
  el.classList.add("lw-condition");
  const task = bindTask(model, el, { render() {} });
  return () => task.dispose();
}

export default { render };
