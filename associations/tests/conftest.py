"""Fixtures of the associations tests: running the import command as its process and the worker would."""

import io
from dataclasses import dataclass

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation


@dataclass
class Outcome:
    stdout: str
    stderr: str
    error: CommandError | None


@pytest.fixture
def run_import(django_capture_on_commit_callbacks, run_worker):
    """Run the command in English, as one process would (work deferred to commit time runs too), and then
    the background worker, unless worker=False."""

    def run(path, *args, worker=True):
        stdout, stderr = io.StringIO(), io.StringIO()
        error = None
        with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
            try:
                call_command("import_associations", str(path), *args, stdout=stdout, stderr=stderr)
            except CommandError as raised:
                error = raised
        if worker:
            run_worker()
        return Outcome(stdout.getvalue(), stderr.getvalue(), error)

    return run
