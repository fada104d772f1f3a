"""The apps' layering (pyproject.toml [tool.importlinter], conventions: home < search < associations <
news | programme < stats < sakke_site) and the rule that a first-party import inside a function says why
it is there. The last tests run both checks over a tiny package tree made to break them."""

import ast
import io
import os
import re
import subprocess
import sys
import tokenize
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = ("home", "search", "associations", "news", "programme", "stats", "sakke_site")
SKIPPED_DIRECTORIES = {"tests", "migrations"}
# A comment that only silences a tool does not say why the import is late.
NOT_A_REASON = ("noqa", "type:", "pragma")
# Most modules import at the top only: they need no closer look (`def f(): import x` is not missed).
LATE_IMPORT = re.compile(r"(?:^[ \t]+|:[ \t]*)(?:from|import)\s", re.MULTILINE)


def test_every_app_with_tests_is_in_the_test_run():
    """`make test` collects the apps listed in pyproject.toml's testpaths: an app missing there has tests
    that never run (the statistics app's tests were left out when it was split off)."""
    pytest_options = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["pytest"]["ini_options"]
    testpaths = pytest_options["testpaths"]
    with_tests = [app for app in APPS if (ROOT / app / "tests").is_dir()]
    assert sorted(with_tests) == sorted(testpaths)


def lint_imports(directory):
    """Run import-linter's contracts from the configuration in `directory` over the packages there, as
    `make lint` does: (kept, report)."""
    command = [Path(sys.executable).with_name("lint-imports"), "--no-cache", "--no-logo"]
    result = subprocess.run(
        command,
        cwd=directory,
        env={**os.environ, "PYTHONPATH": str(directory)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return result.returncode == 0, result.stdout + result.stderr


def _is_app_config(node):
    return any(
        (isinstance(base, ast.Name) and base.id == "AppConfig")
        or (isinstance(base, ast.Attribute) and base.attr == "AppConfig")
        for base in node.bases
    )


def _reasons(source):
    """Line numbers of the comments that give a reason."""
    lines = set()
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            text = token.string.lstrip("#").strip()
            if text and not text.startswith(NOT_A_REASON):
                lines.add(token.start[0])
    return lines


class _LateImports(ast.NodeVisitor):
    """First-party imports inside functions, except in AppConfig.ready(), Django's place for them."""

    def __init__(self, first_party):
        self.first_party = first_party
        self.scopes = []  # enclosing classes and functions, innermost last
        self.found = []

    def visit_ClassDef(self, node):
        self.scopes.append(node)
        self.generic_visit(node)
        self.scopes.pop()

    def visit_FunctionDef(self, node):
        self.scopes.append(node)
        self.generic_visit(node)
        self.scopes.pop()

    visit_AsyncFunctionDef = visit_FunctionDef

    def _in_ready(self):
        return any(
            isinstance(scope, ast.FunctionDef)
            and scope.name == "ready"
            and isinstance(outer, ast.ClassDef)
            and _is_app_config(outer)
            for outer, scope in zip(self.scopes, self.scopes[1:], strict=False)
        )

    def visit_Import(self, node):
        if isinstance(node, ast.ImportFrom):
            first_party = node.level > 0 or (node.module or "").split(".")[0] in self.first_party
        else:
            first_party = any(alias.name.split(".")[0] in self.first_party for alias in node.names)
        in_function = any(isinstance(scope, ast.FunctionDef | ast.AsyncFunctionDef) for scope in self.scopes)
        if first_party and in_function and not self._in_ready():
            self.found.append(node)

    visit_ImportFrom = visit_Import


def _unexplained(imports, reasons):
    """The late imports without a reason on the line above, at the end of the statement, or above the
    run of late imports the statement belongs to."""
    explained_up_to = set()  # last lines of explained imports
    unexplained = []
    for node in imports:
        lines = set(range(node.lineno, node.end_lineno + 1))
        if node.lineno - 1 in reasons | explained_up_to or reasons & lines:
            explained_up_to.add(node.end_lineno)
        else:
            unexplained.append(node)
    return unexplained


def unexplained_late_imports(root, packages):
    """`path:line: statement` of each first-party import inside a function in `packages` (under `root`,
    without their tests/ and migrations/) that does not say why it is not at the top of the module."""
    found = []
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            relative = path.relative_to(root)
            source = path.read_text(encoding="utf-8")
            if SKIPPED_DIRECTORIES & set(relative.parts) or not LATE_IMPORT.search(source):
                continue
            visitor = _LateImports(set(packages))
            visitor.visit(ast.parse(source, filename=str(path)))
            if visitor.found:
                unexplained = _unexplained(visitor.found, _reasons(source))
                found += [f"{relative}:{node.lineno}: {ast.unparse(node)}" for node in unexplained]
    return found


def test_the_apps_depend_downwards_only():
    kept, report = lint_imports(ROOT)
    assert kept, report


def test_late_imports_say_why():
    found = unexplained_late_imports(ROOT, APPS)
    assert not found, (
        "Move these imports to the top of the module, or, if that makes an import cycle, say why on the "
        "line above:\n" + "\n".join(found)
    )


# --- the checks catch what they are for ------------------------------------------------------------


def write(root, files):
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


LAYERS = """\
[tool.importlinter]
root_packages = ["low", "high"]

[[tool.importlinter.contracts]]
name = "Downwards only"
type = "layers"
layers = ["high", "low"]
"""


def test_an_upward_import_breaks_the_contract(tmp_path):
    write(
        tmp_path,
        {
            "pyproject.toml": LAYERS,
            "low/__init__.py": "",
            "low/models.py": "def rows():\n    return []\n",
            "high/__init__.py": "",
            "high/views.py": "from low.models import rows\n",
        },
    )
    kept, report = lint_imports(tmp_path)
    assert kept, report

    # Not even inside a function.
    write(tmp_path, {"low/models.py": "def rows():\n    from high import views\n\n    return views\n"})
    kept, report = lint_imports(tmp_path)
    assert not kept
    assert "low.models -> high" in report


def test_an_unexplained_late_import_is_reported(tmp_path):
    write(
        tmp_path,
        {
            "app/__init__.py": "",
            "app/apps.py": (
                "from django.apps import AppConfig\n\n\n"
                "class AppAppConfig(AppConfig):\n"
                "    def ready(self):\n"
                "        from app import handlers\n"
            ),
            "app/models.py": (
                "import json\n\n\n"
                "def plain():\n"
                "    from app.feeds import feed\n"  # line 5: no reason
                "\n"
                "def silenced():\n"
                "    from app import feeds  # noqa: F401\n"  # line 8: a noqa is no reason
                "\n"
                "def explained():\n"
                "    # app.feeds imports these models\n"
                "    from app.feeds import feed\n"
                "    from app.listings import listing\n"
                "    import datetime\n"
                "\n"
                "def trailing():\n"
                "    from . import feeds  # app.feeds imports these models\n"
                "\n"
                "def outer():\n"
                "    def inner():\n"
                "        from .listings import listing\n"  # line 21: relative, nested, no reason
                "\n"
                "    import os\n"
                "    from app import listings\n"  # line 24: not explained by a third-party import above
                "\n"
                "def one_line(): from app import feeds\n"  # line 26
                "\n"
                "class Page:\n"
                "    def ready(self):\n"
                "        from app import feeds\n"  # line 30: not an AppConfig
            ),
            "app/tests/test_models.py": "def test():\n    from app.models import plain\n",
            "app/migrations/0001_initial.py": "def forwards():\n    from app.models import plain\n",
        },
    )
    assert unexplained_late_imports(tmp_path, ["app"]) == [
        "app/models.py:5: from app.feeds import feed",
        "app/models.py:8: from app import feeds",
        "app/models.py:21: from .listings import listing",
        "app/models.py:24: from app import listings",
        "app/models.py:26: from app import feeds",
        "app/models.py:30: from app import feeds",
    ]
