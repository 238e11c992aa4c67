from .submission import (
    CallClosed,
    NotADraft,
    StaleInput,
    StorageFull,
    input_create,
    input_draft_delete,
    input_save,
    input_submit,
    input_update,
    input_withdraw,
)
from .transitions import input_changed, input_transition, inputs_changed_together

__all__ = [
    "CallClosed",
    "NotADraft",
    "StaleInput",
    "StorageFull",
    "input_changed",
    "input_create",
    "input_draft_delete",
    "input_save",
    "input_submit",
    "input_transition",
    "input_update",
    "input_withdraw",
    "inputs_changed_together",
]
