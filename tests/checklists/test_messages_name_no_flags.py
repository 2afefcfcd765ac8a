"""Messages the GUI shows from the services name no command-line flag (issue 14: no "--reason" on screen)."""
import pytest

from desktop.checklists import service
from desktop.core.errors import UserError


@pytest.mark.parametrize("state,words", [("不适用", "须写明理由"), ("需补正", "须写明需要补正的内容")])
def test_checklist_reason_required_message_names_no_flag(small_app, state, words):
    """Setting 不适用/需补正 without a reason is refused in plain words, without "--reason"."""
    with pytest.raises(UserError) as e:
        service.set_item(small_app, "2020-102-001", "eco_redline", state)
    assert words in e.value.message and "--" not in e.value.message and e.value.field == "理由"
