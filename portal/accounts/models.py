from django.contrib.auth.models import (
    AbstractUser,
    BaseUserManager,
    _auser_has_module_perms,
    _auser_has_perm,
    _user_has_module_perms,
    _user_has_perm,
)
from django.db import models
from django.utils.translation import gettext_lazy as _

from inputs.personal_data import no_cpr_number, no_cpr_number_in_email


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person; they log in with their (work) e-mail address."""

    username = None
    email = models.EmailField(
        _("e-mail"), unique=True, validators=[no_cpr_number_in_email]
    )
    # Shown in the header, member lists and e-mails: under the CPR rule.
    first_name = models.CharField(
        _("first name"), max_length=150, blank=True, validators=[no_cpr_number]
    )
    last_name = models.CharField(
        _("last name"), max_length=150, blank=True, validators=[no_cpr_number]
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    # Set per request: did this session pass the second factor? None where no
    # request marked the object (see portal/accounts/second_factor.py).
    second_factor_passed: bool | None = None

    def __str__(self):
        return self.get_full_name() or self.email

    # Django answers True for any active superuser before asking the
    # backends; here that shortcut, too, needs the second factor.
    def _superuser_rights(self) -> bool:
        from .second_factor import staff_rights_allowed

        return self.is_active and self.is_superuser and staff_rights_allowed(self)

    def has_perm(self, perm, obj=None):
        return self._superuser_rights() or _user_has_perm(self, perm, obj)

    async def ahas_perm(self, perm, obj=None):
        return self._superuser_rights() or await _auser_has_perm(self, perm, obj)

    def has_module_perms(self, app_label):
        return self._superuser_rights() or _user_has_module_perms(self, app_label)

    async def ahas_module_perms(self, app_label):
        return self._superuser_rights() or await _auser_has_module_perms(
            self, app_label
        )
