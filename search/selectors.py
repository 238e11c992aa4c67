"""Reads for the archive search."""

from django.utils.translation import get_language

from inputs.permissions import can_moderate
from portal.organisations.models import Partnership, PartnershipMembership

from .query import ANONYMOUS, Viewer


def viewer_for(*, user) -> Viewer:
    """What the user may find, in the same terms as inputs' own access
    rules: anyone → public; partnership members → also what is shared with
    their partnerships; moderators → everything."""
    if not user.is_authenticated:
        return ANONYMOUS
    if can_moderate(user):
        return Viewer(is_moderator=True)
    if not user.has_perm("inputs.view_shared_input"):
        return Viewer()
    ids = PartnershipMembership.objects.filter(user=user).values_list(
        "partnership_id", flat=True
    )
    return Viewer(partnership_ids=tuple(str(i) for i in sorted(ids)))


def saved_searches_of(*, user):
    from .models import SavedSearch

    return SavedSearch.objects.filter(user=user)


def facets_in_active_language(facets: dict) -> dict:
    """The index stores each facet value's label as it was when indexed (in
    Danish, or whatever language the indexing request had). Values are ids
    and choice keys, so the labels are looked up again here, in the active
    language: English names of partnerships, themes and target groups where
    given (one query for the three), the choices' own translations. Region,
    municipality and year are names and stay as stored."""
    from django.db.models import CharField, Value
    from django.utils.translation import gettext

    from inputs.models import TargetGroup, Theme

    from .documents import SUMMARY_STATUS, choice_labels

    labels = choice_labels()
    tables = {
        "source": {"input": str(labels["input"]), "summary": gettext("Opsamling")},
        "kind": labels["kind"],
        "status": {**labels["status"], SUMMARY_STATUS: gettext("Offentliggjort")},
        "organisation_kind": labels["org_kind"],
    }
    english = get_language() == "en"
    named = []
    for name, model in (
        ("partnership", Partnership),
        ("theme", Theme),
        ("target_group", TargetGroup),
    ):
        ids = [v.value for v in facets.get(name, []) if v.value.isdigit()]
        if ids:
            tables[name] = {}
            named.append(
                model.objects.filter(pk__in=ids)
                .annotate(facet=Value(name, output_field=CharField()))
                .values_list("facet", "pk", "name", "name_en")
                .order_by()
            )
    rows = named[0].union(*named[1:], all=True) if named else []
    for name, pk, name_da, name_en in rows:
        tables[name][str(pk)] = name_en if english and name_en else name_da
    for name, values in facets.items():
        table = tables.get(name, {})
        for value in values:
            value.label = table.get(value.value, value.label)
    return facets


def hits_in_active_language(hits: list) -> list:
    """An input hit's kind (stored as its code) and status, named in the
    active language, as the facets are."""
    from .documents import choice_labels

    labels = choice_labels()
    for hit in hits:
        meta = dict(hit.meta)
        if "kind" in meta:
            meta["kind"] = labels["kind"].get(meta["kind"], meta["kind"])
        meta["status"] = labels["status"].get(hit.status, hit.status)
        hit.meta = meta
    return hits
