"""Settings of the server the browser checks drive (e2e/): the test settings, with emails written to files.

The server runs in its own process, so the test settings' in-memory outbox cannot be read from the tests;
each email becomes a file in E2E_MAIL_DIR instead. Links in emails point at the live server.
"""

import os

from sakke_site.settings.test import *  # noqa: F403

EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ["E2E_MAIL_DIR"]
WAGTAILADMIN_BASE_URL = os.environ["E2E_BASE_URL"]
# Page addresses (the default Site, moved by `migrate` and `load_demo`) and the API's follow the live server.
PUBLIC_BASE_URL = WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
