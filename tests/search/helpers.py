from inputs.services import input_transition
from inputs.services.moderation import input_accept
from inputs.states import NOTE_REQUIRED, Status
from portal.organisations.models import Membership
from search.query import SearchRequest, Viewer
from search.services import archive_search
from tests.factories import member_of, moderator

# The actions that lead from a draft to each status, in order.
PATHS = {
    Status.DRAFT: [],
    Status.SUBMITTED: ["submit"],
    Status.WITHDRAWN: ["submit", "withdraw"],
    Status.IN_REVIEW: ["submit", "start_review"],
    Status.CHANGES_REQUESTED: ["submit", "start_review", "request_changes"],
    Status.REJECTED: ["submit", "start_review", "reject"],
    Status.ACCEPTED: ["submit", "start_review", "accept"],
    Status.ARCHIVED: ["submit", "start_review", "accept", "archive"],
}


def move_to(input, status, *, path_from=Status.DRAFT):
    """Take the input from `path_from` (its status) to `status` through the
    state machine, as its organisation and a moderator would; accepting keeps
    the visibility the input has (input_accept checks it)."""
    done = PATHS[path_from]
    path = PATHS[status]
    if path[: len(done)] != done:
        # Not on the way from here (e.g. submitted -> withdrawn is, but
        # withdrawn -> accepted is not): the state machine would refuse.
        raise ValueError(f"no path from {path_from} to {status}")
    submitter = member_of(input.organisation, Membership.Role.MEMBER)
    staff = None
    for action in path[len(done) :]:
        if action in ("submit", "withdraw", "resubmit"):
            input_transition(input=input, action=action, user=submitter)
            continue
        staff = staff or moderator()
        if action == "accept":
            input_accept(input=input, user=staff, visibility=input.visibility)
        else:
            # A rejection or a request for changes needs a reason.
            note = "Begrundelse" if action in NOTE_REQUIRED else ""
            input_transition(input=input, action=action, user=staff, note=note)
    input.refresh_from_db()
    return input


def titles(query="", viewer=None, **kwargs):
    request = SearchRequest(query=query, viewer=viewer or Viewer(), **kwargs)
    return [
        str(h.title).replace("<mark>", "").replace("</mark>", "")
        for h in archive_search(request=request).hits
    ]


def index_rows():
    """Every indexed document without its id (which depends on how often it
    was indexed), to compare an index with a rebuild's."""
    from search.models import ArchiveDocument

    fields = [f.name for f in ArchiveDocument._meta.concrete_fields if f.name != "id"]
    return sorted(ArchiveDocument.objects.values_list(*fields), key=lambda row: row[0])


def vocabulary():
    from search.models import ArchiveTerm

    return sorted(
        ArchiveTerm.objects.filter(documents__gt=0).values_list(
            "term", "documents", "public_documents"
        )
    )
