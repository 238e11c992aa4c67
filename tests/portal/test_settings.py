import subprocess
import sys

from django.conf import settings


def test_danish_first_then_english():
    assert settings.LANGUAGE_CODE == "da"
    assert [code for code, _ in settings.LANGUAGES] == ["da", "en"]
    assert settings.TIME_ZONE == "Europe/Copenhagen"


def test_private_files_are_outside_public_media():
    private = settings.STORAGES["private"]["OPTIONS"]["location"]
    assert not str(private).startswith(str(settings.MEDIA_ROOT))


def _check_deploy(env_extra):
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        **env_extra,
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
    )


def test_production_settings_pass_check_deploy(tmp_path):
    result = _check_deploy(
        {
            "SECRET_KEY": "x" * 20
            + "-production-like-secret-with-enough-entropy-9f8e7d",
            "ALLOWED_HOSTS": "partnerportal.example",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        }
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_refuse_to_start_without_secret_key(tmp_path):
    result = _check_deploy(
        {
            "ALLOWED_HOSTS": "partnerportal.example",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        }
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
