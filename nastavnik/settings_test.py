"""Test settings: the real settings with a fast password hasher (STYLE.md habit 8)."""

from nastavnik.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}

import tempfile  # noqa: E402

# Tasks run at once in tests; uploads and generated files go to a throwaway folder.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="nastavnik-test-media-"))  # noqa: F405
