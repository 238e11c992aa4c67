import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from stdnum.dk import cvr

from inputs.personal_data import no_cpr_number, no_cpr_number_in_email


class Region(models.Model):
    code = models.PositiveIntegerField(_("regionskode"), unique=True)
    name = models.CharField(
        _("navn"), max_length=100, unique=True, validators=[no_cpr_number]
    )

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regioner")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Municipality(models.Model):
    code = models.PositiveIntegerField(_("kommunekode"), unique=True)
    name = models.CharField(
        _("navn"), max_length=100, unique=True, validators=[no_cpr_number]
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="municipalities"
    )

    class Meta:
        verbose_name = _("kommune")
        verbose_name_plural = _("kommuner")
        ordering = ["name"]

    def __str__(self):
        return self.name


class PartnershipQuerySet(models.QuerySet):
    def hosted(self):
        """The partnerships the portal is for: those BL sits in (reference
        data, `bl_member`). Each has its page, its call and its statistics;
        the others are known only as reference data."""
        return self.filter(bl_member=True)


class Partnership(models.Model):
    """One of the minister's partnerships. BL sits in some of them."""

    slug = models.SlugField(unique=True)
    name = models.CharField(_("navn"), max_length=200, validators=[no_cpr_number])
    name_en = models.CharField(
        _("navn på engelsk"), max_length=200, blank=True, validators=[no_cpr_number]
    )
    anchored_in = models.CharField(
        _("forankret i"), max_length=200, validators=[no_cpr_number]
    )
    anchored_in_en = models.CharField(
        _("forankret i, på engelsk"),
        max_length=200,
        blank=True,
        validators=[no_cpr_number],
    )
    facilitators = models.JSONField(_("facilitatorer"), default=list, blank=True)
    bl_member = models.BooleanField(_("BL er med"), default=False)

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("partnerskab")
        verbose_name_plural = _("partnerskaber")
        ordering = ["name"]
        permissions = [
            ("invite_partnership_member", _("Kan invitere partnerskabsmedlemmer")),
        ]

    def __str__(self):
        return self.name

    @property
    def display_name(self) -> str:
        """The name to show a person, in their language."""
        from portal.language import in_active_language

        return in_active_language(self.name, self.name_en)

    @property
    def display_anchored_in(self) -> str:
        """The ministry, in the person's language."""
        from portal.language import in_active_language

        return in_active_language(self.anchored_in, self.anchored_in_en)


def validate_cvr(value: str) -> None:
    try:
        cvr.validate(value)
    except Exception as exc:
        raise ValidationError(
            _(
                "%(value)s er ikke et gyldigt CVR-nummer (8 cifre med gyldigt kontrolciffer)."
            ),
            code="invalid_cvr",
            params={"value": value},
        ) from exc


class OrganisationQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Organisation.Status.APPROVED)


class Organisation(models.Model):
    class Kind(models.TextChoices):
        HOUSING_ORGANISATION = "boligorganisation", _("Boligorganisation")
        ESTATE = "boligafdeling", _("Boligafdeling")
        MASTER_PLAN = "helhedsplan", _("Boligsocial helhedsplan")
        MUNICIPALITY = "kommune", _("Kommune")
        OTHER = "andet", _("Andet")

    class Status(models.TextChoices):
        PENDING = "pending", _("Afventer godkendelse")
        APPROVED = "approved", _("Godkendt")
        DECLINED = "declined", _("Afvist")

    name = models.CharField(_("navn"), max_length=200, validators=[no_cpr_number])
    cvr = models.CharField(
        _("CVR-nummer"), max_length=8, unique=True, validators=[validate_cvr]
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("kommune"),
        on_delete=models.PROTECT,
        related_name="organisations",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(auto_now_add=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisationer")
        ordering = ["name"]
        permissions = [
            ("approve_organisation", _("Kan godkende nye organisationer")),
            ("manage_members", _("Kan administrere medlemmer")),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        self.cvr = cvr.compact(self.cvr or "")


class Membership(models.Model):
    class Role(models.TextChoices):
        MEMBER = "member", _("Medlem")
        ADMIN = "admin", _("Administrator")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(
        _("rolle"), max_length=10, choices=Role.choices, default=Role.MEMBER
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("medlemskab")
        verbose_name_plural = _("medlemskaber")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="unique_membership"
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"


class PartnershipMembership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="partnership_memberships",
    )
    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="memberships"
    )
    affiliation = models.CharField(
        _("organisation"),
        max_length=200,
        blank=True,
        help_text=_("Fx ministerium, NGO eller KL."),
        validators=[no_cpr_number],
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("partnerskabsmedlem")
        verbose_name_plural = _("partnerskabsmedlemmer")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "partnership"], name="unique_partnership_membership"
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.partnership}"


class JoinRequest(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Afventer")
        APPROVED = "approved", _("Godkendt")
        DECLINED = "declined", _("Afvist")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="join_requests"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="join_requests"
    )
    message = models.TextField(
        _("besked"), blank=True, max_length=1000, validators=[no_cpr_number]
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("anmodning om medlemskab")
        verbose_name_plural = _("anmodninger om medlemskab")
        ordering = ["-created_at"]
        constraints = [
            # One open request per person and organisation: a double submit
            # cannot create two.
            models.UniqueConstraint(
                fields=["user", "organisation"],
                condition=models.Q(status="pending"),
                name="unique_pending_join_request",
            )
        ]

    def __str__(self):
        return f"{self.user} → {self.organisation}"


def _new_token() -> str:
    return secrets.token_urlsafe(32)


INVITATION_VALID_FOR = timedelta(days=14)


def _default_expiry():
    return timezone.now() + INVITATION_VALID_FOR


class Invitation(models.Model):
    """An invitation by e-mail to join an organisation or a partnership."""

    email = models.EmailField(_("e-mail"), validators=[no_cpr_number_in_email])
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    partnership = models.ForeignKey(
        Partnership,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    role = models.CharField(
        max_length=10, choices=Membership.Role.choices, default=Membership.Role.MEMBER
    )
    token = models.CharField(max_length=64, unique=True, default=_new_token)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(default=_default_expiry)
    accepted_at = models.DateTimeField(null=True, blank=True)
    # The token of the form that last sent it: the same press sent again
    # sends no second e-mail (services.invitation_create).
    request_token = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitationer")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(organisation__isnull=False, partnership__isnull=True)
                | models.Q(organisation__isnull=True, partnership__isnull=False),
                name="invitation_has_one_target",
            ),
            # Simultaneous sends of one form make one invitation (and mail).
            models.UniqueConstraint(
                fields=["request_token", "email"], name="invitation_one_per_send"
            ),
        ]

    def __str__(self):
        return f"{self.email} → {self.target}"

    @property
    def target(self):
        return self.organisation or self.partnership

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.expires_at > timezone.now()
