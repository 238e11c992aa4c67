from .attachments import Attachment
from .calls import CallPage, CallQuestion
from .inputs import Input, InputKeyword, InputRevision
from .vocabulary import TargetGroup, Theme

__all__ = [
    "Attachment",
    "CallPage",
    "CallQuestion",
    "Input",
    "InputKeyword",
    "InputRevision",
    "TargetGroup",
    "Theme",
]
