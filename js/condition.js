// A <View visibleWhen=...>: shows or hides the View's box; mirrors
// labelwidget/widgets/condition.py. It draws nothing; bindTask evaluates the condition.
import { bindTask } from "./_task_widget.js";

function render({ model, el }) {
  // ipywidgets puts each child view's element directly in its box's element.
  const box = () => (el.parentElement && el.parentElement.classList.contains("widget-box") ? el.parentElement : null);
  el.classList.add("lw-condition");
  const task = bindTask(model, el, { render() {}, target: box });
  return () => task.dispose();
}

export default { render };
