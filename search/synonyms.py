"""The moderators' synonym groups as the query parser uses them."""

from .analysis import analyse
from .models import Synonym


def synonym_map() -> dict[str, list[tuple[str, ...]]]:
    """Each one-word member's stem → every member's analysed terms. One
    query; the table holds tens of rows."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for synonym in Synonym.objects.all():
        members = [tuple(analyse(p)) for p in synonym.phrases()]
        members = [m for m in members if m]
        for member in members:
            if len(member) == 1:
                out.setdefault(member[0], [])
                out[member[0]] += [m for m in members if m not in out[member[0]]]
    return out
