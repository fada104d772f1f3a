"""Admin view for importing associations (registered from wagtail_hooks): upload, preview, confirm.

A coordinator uploads a CSV or JSON file; the view runs a dry run and shows what every row would do, with
the errors of bad rows. The file's text waits in the session (under a one-time token) until the coordinator
confirms, and then the same importer as `manage.py import_associations` writes the rows. The Finnish pages
are live when the answer comes; their Swedish translations are queued for the background worker.
"""

import uuid

from django import forms
from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from associations.importer import (
    COLUMNS,
    FORMATS,
    AssociationImporter,
    ImportFileError,
    decode,
    detect_format,
    read_limited,
    read_rows,
)

COORDINATORS = "Koordinaattorit"
SESSION_KEY = "associations_import"
MAX_FILE_BYTES = 5 * 1024 * 1024
# The admin imports within one request; bigger files go through `manage.py import_associations`.
MAX_ADMIN_ROWS = 200


def can_import(user):
    """Superusers and coordinators may import associations."""
    return user.is_active and (user.is_superuser or user.groups.filter(name=COORDINATORS).exists())


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy("A UTF-8 CSV file with a header row, or a JSON array; at most 5 MB."),
    )
    format = forms.ChoiceField(
        label=gettext_lazy("Format"),
        choices=[("", gettext_lazy("From the file name")), *((name, name.upper()) for name in FORMATS)],
        required=False,
    )
    update = forms.BooleanField(
        label=gettext_lazy("Update associations that are already in the directory"),
        help_text=gettext_lazy(
            "Otherwise they are skipped. An update is saved as a new version of the page."
        ),
        required=False,
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(
                _("The file is too large: at most %(size)s MB.") % {"size": MAX_FILE_BYTES // (1024 * 1024)}
            )
        return upload


class ImportView(WagtailAdminTemplateMixin, TemplateView):
    """Upload a file, see the dry-run report, confirm the import."""

    template_name = "associations/admin/import_associations.html"
    page_title = gettext_lazy("Import associations")
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        if not can_import(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            columns=",".join(COLUMNS), max_rows=MAX_ADMIN_ROWS, action_url=self.request.path, **kwargs
        )

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=ImportForm()))

    def post(self, request, *args, **kwargs):
        if "token" in request.POST:
            return self.confirm(request)
        form = ImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        upload = form.cleaned_data["file"]
        update = form.cleaned_data["update"]
        try:
            data = read_limited(upload, upload.size)
            file_format = detect_format(upload.name, form.cleaned_data["format"])
            rows = read_rows(data, file_format)
            if len(rows) > MAX_ADMIN_ROWS:
                raise ImportFileError(
                    _(
                        "The file has %(count)s associations; the admin imports at most %(max)s at a time. "
                        "Split the file, or ask an administrator to run the import_associations command."
                    )
                    % {"count": len(rows), "max": MAX_ADMIN_ROWS}
                )
            report = AssociationImporter(update=update).run(rows, dry_run=True)
        except ImportFileError as error:
            form.add_error("file", error.message)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        token = uuid.uuid4().hex
        request.session[SESSION_KEY] = {
            "token": token,
            "text": decode(data),
            "format": file_format,
            "update": update,
            "name": upload.name,
        }
        return self.render_to_response(
            self.get_context_data(report=report, token=token, file_name=upload.name, form=None)
        )

    def confirm(self, request):
        stored = request.session.get(SESSION_KEY)
        if not stored or stored.get("token") != request.POST.get("token"):
            error = _("The uploaded file is no longer waiting for confirmation. Upload it again.")
            return self.render_to_response(self.get_context_data(form=ImportForm(), error=error), status=400)
        del request.session[SESSION_KEY]
        try:
            rows = read_rows(stored["text"].encode("utf-8"), stored["format"])
            report = AssociationImporter(update=stored["update"], user=request.user).run(rows)
        except ImportFileError as error:
            return self.render_to_response(
                self.get_context_data(form=ImportForm(), error=error.message), status=400
            )
        return self.render_to_response(
            self.get_context_data(report=report, file_name=stored["name"], form=ImportForm())
        )


class CoordinatorMenuItem(MenuItem):
    def is_shown(self, request):
        return can_import(request.user)


@hooks.register("register_admin_urls")
def register_import_url():
    return [path("associations/import/", ImportView.as_view(), name="associations_import")]


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return CoordinatorMenuItem(
        gettext_lazy("Import associations"),
        reverse("associations_import"),
        name="import-associations",
        icon_name="upload",
        order=850,
    )
