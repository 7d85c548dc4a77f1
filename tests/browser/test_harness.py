"""Smoke test of the browser harness itself: a plain ipywidgets Button and IntSlider."""

import pytest
from harness import KernelError


def test_button_click_reaches_kernel(lab):
    lab.open_notebook("harness_smoke.ipynb")
    lab.run_all()

    button = lab.page.locator(".harness-smoke-button")
    slider = lab.page.locator(".harness-smoke-slider")
    button.wait_for(state="visible")
    slider.wait_for(state="visible")
    assert lab.kernel_eval_json("clicks['n']") == 0
    assert lab.kernel_eval_json("slider.value") == 3

    button.click()  # real mouse click at the button's centre
    assert lab.wait_until_kernel("clicks['n'] == 1")
    assert lab.kernel_exec("print(clicks['n'])").strip() == "1"

    with pytest.raises(KernelError, match="ZeroDivisionError"):
        lab.kernel_exec("1 / 0")

    lab.screenshot("harness_smoke")
    assert lab.dialogs == []
    assert lab.page_errors == []

    lab.restart_kernel()  # other scenarios rely on it: the kernel forgets everything
    assert lab.kernel_eval_json("'clicks' in globals()") is False
