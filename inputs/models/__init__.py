from .attachments import Attachment
from .calls import CallPage, CallQuestion
from .inputs import Input, InputKeyword, InputRevision, Keyword
from .moderation import InputLink, InternalNote, ModeratorDigest
from .vocabulary import TargetGroup, Theme

__all__ = [
    "Attachment",
    "CallPage",
    "CallQuestion",
    "Input",
    "InputKeyword",
    "InputLink",
    "InputRevision",
    "InternalNote",
    "Keyword",
    "ModeratorDigest",
    "TargetGroup",
    "Theme",
]
