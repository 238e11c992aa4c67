"""The five roles, each a group with exactly the permissions it needs.

This module is the one place that says what each role may do at the model
level. Which organisation's or partnership's objects a person may touch is
decided by their memberships (see the apps' permissions modules)."""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q


class Role:
    ORGANISATION_MEMBER = "Organisationsmedlem"
    ORGANISATION_ADMIN = "Organisationsadministrator"
    MODERATOR = "BL-moderator"
    PARTNERSHIP_MEMBER = "Partnerskabsmedlem"
    SITE_ADMIN = "Sideadministrator"


ROLE_PERMISSIONS: dict[str, set[str]] = {
    Role.ORGANISATION_MEMBER: {
        "inputs.add_input",
        "inputs.change_input",
        "inputs.view_input",
    },
    Role.ORGANISATION_ADMIN: {
        "inputs.add_input",
        "inputs.change_input",
        "inputs.view_input",
        "organisations.manage_members",
    },
    Role.MODERATOR: {
        "wagtailadmin.access_admin",
        "inputs.view_input",
        "inputs.change_input",
        "inputs.moderate_input",
        "inputs.add_theme",
        "inputs.change_theme",
        "inputs.view_theme",
        "inputs.add_targetgroup",
        "inputs.change_targetgroup",
        "inputs.view_targetgroup",
        "archive_search.add_synonym",
        "archive_search.change_synonym",
        "archive_search.delete_synonym",
        "archive_search.view_synonym",
        "organisations.view_organisation",
        "organisations.change_organisation",
        "organisations.approve_organisation",
        "organisations.manage_members",
        "organisations.invite_partnership_member",
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.choose_document",
    },
    Role.PARTNERSHIP_MEMBER: {
        "inputs.view_shared_input",
    },
    Role.SITE_ADMIN: {
        "wagtailadmin.access_admin",
        "accounts.add_user",
        "accounts.change_user",
        "accounts.delete_user",
        "accounts.view_user",
        "auth.add_group",
        "auth.change_group",
        "auth.delete_group",
        "auth.view_group",
        "organisations.add_organisation",
        "organisations.change_organisation",
        "organisations.delete_organisation",
        "organisations.view_organisation",
        "organisations.approve_organisation",
        "organisations.manage_members",
        "organisations.add_partnership",
        "organisations.change_partnership",
        "organisations.view_partnership",
        "organisations.invite_partnership_member",
        "wagtailcore.add_site",
        "wagtailcore.change_site",
        "wagtailcore.delete_site",
        "wagtailcore.view_site",
        "wagtailcore.add_collection",
        "wagtailcore.change_collection",
        "wagtailcore.delete_collection",
        "wagtailcore.add_workflow",
        "wagtailcore.change_workflow",
        "wagtailcore.delete_workflow",
        "wagtailredirects.add_redirect",
        "wagtailredirects.change_redirect",
        "wagtailredirects.delete_redirect",
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.delete_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.delete_document",
        "wagtaildocs.choose_document",
    },
}

# Page permissions (Wagtail's own table), granted on the root page.
ROLE_PAGE_PERMISSIONS: dict[str, set[str]] = {
    Role.MODERATOR: {"add_page", "change_page", "publish_page"},
    Role.SITE_ADMIN: {
        "add_page",
        "change_page",
        "publish_page",
        "bulk_delete_page",
        "lock_page",
        "unlock_page",
    },
}

# The roles that need no second factor. Their permissions are fixed here
# (the group editor does not change them: portal/accounts/groups.py).
PLAIN_ROLES = {
    Role.ORGANISATION_MEMBER,
    Role.ORGANISATION_ADMIN,
    Role.PARTNERSHIP_MEMBER,
}
# What a password alone may grant. Every other permission is a staff right
# and counts only after the second factor, whichever group grants it
# (second_factor.py): a rule about permissions, not about group names.
PLAIN_PERMISSIONS = frozenset().union(*(ROLE_PERMISSIONS[r] for r in PLAIN_ROLES))


def permissions_query(codenames) -> Q:
    """Permissions named "app_label.codename", as a filter on Permission."""
    query = Q(pk__in=[])
    for dotted in codenames:
        app_label, codename = dotted.split(".")
        query |= Q(content_type__app_label=app_label, codename=codename)
    return query


def _permissions(codenames: set[str]):
    return Permission.objects.filter(permissions_query(codenames))


def sync_role_groups(**kwargs):
    """Create the role groups and set their permissions to exactly the list
    above. Idempotent; runs after every migrate."""
    from wagtail.models import GroupPagePermission, Page

    root = Page.get_first_root_node()
    # Wagtail's sample groups would sit beside ours with other permissions.
    Group.objects.filter(name__in=["Moderators", "Editors"]).delete()
    for name, codenames in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        perms = list(_permissions(codenames))
        if len(perms) != len(codenames):
            # Some apps have not migrated yet; the next post_migrate finishes.
            continue
        group.permissions.set(perms)
        if root is None:
            continue
        wanted = ROLE_PAGE_PERMISSIONS.get(name, set())
        page_perms = _permissions({f"wagtailcore.{c}" for c in wanted})
        GroupPagePermission.objects.filter(group=group).exclude(
            permission__in=page_perms
        ).delete()
        for perm in page_perms:
            GroupPagePermission.objects.get_or_create(
                group=group, page=root, permission=perm
            )


def sync_role_groups_after_migrate(sender, **kwargs):
    """post_migrate receiver. migrate and flush send the signal once per app,
    and the roles need every app's permissions, which all exist once the last
    app's signal has come: sync then, once, not once per app."""
    from django.apps import apps

    last = [config for config in apps.get_app_configs() if config.models_module][-1]
    if sender is last:
        sync_role_groups()


def requires_two_factor(user) -> bool:
    """Whether the person must pass a second factor: superusers and anyone
    who holds a staff right (a permission beyond PLAIN_PERMISSIONS), through
    any group or of their own. A question about the database, answered the
    same with or without a request."""
    return user.is_authenticated and (
        user.is_superuser
        or Permission.objects.filter(Q(group__user=user) | Q(user=user))
        .exclude(permissions_query(PLAIN_PERMISSIONS))
        .exists()
    )


def moderators():
    """The active members of the moderator role (whom to e-mail, whom an input
    can be assigned to). Membership, not permissions: it holds outside a
    request too."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(groups__name=Role.MODERATOR, is_active=True)
