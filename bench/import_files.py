"""Benchmark: `import_associations --dry-run` on good and malformed files, with each run's peak memory.

Builds a throwaway database (harness.py) with a Finnish association directory, writes the files
below into a temporary folder and runs the command on each in its own process, reading that process's
peak resident memory from the kernel (os.wait4). Prints exit status, seconds, peak memory and the first
line of the message. Memory is bounded when the malformed and oversized files stay near the baseline
(`manage.py check`) and the largest accepted file stays well under a gigabyte.

Usage: `.venv/bin/python bench/import_files.py [ROWS]` (ROWS of the good file, default 5,000).
"""

import csv
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from harness import setup_django

ROOT = Path(__file__).resolve().parent.parent


# Runs manage.py and, on the way out, writes the process's own peak resident memory (VmHWM) to a file.
# (The kernel's ru_maxrss of a child also counts the parent's size at fork, so it cannot be used here.)
PEAK_WRAPPER = """
import atexit, runpy, sys
peak_file = sys.argv[1]
def peak():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            open(peak_file, "w").write(line.split()[1])
atexit.register(peak)
sys.argv = ["manage.py", *sys.argv[2:]]
runpy.run_path("manage.py", run_name="__main__")
"""


def run(args, env, workdir):
    """Exit status, seconds, peak resident MB and the output's first meaningful line."""
    peak_file = workdir / "peak"
    start = time.perf_counter()
    completed = subprocess.run(
        [sys.executable, "-c", PEAK_WRAPPER, str(peak_file), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        errors="replace",
        check=False,
    )
    elapsed = time.perf_counter() - start
    lines = [line.strip() for line in (completed.stdout + completed.stderr).splitlines() if line.strip()]
    message = next((line for line in lines if not line.startswith(("Row", "Rivi"))), "")
    return completed.returncode, elapsed, int(peak_file.read_text()) / 1024, message


def write_files(workdir, rows):
    from associations.generator import generate_rows
    from associations.importer import COLUMNS

    good = generate_rows(rows, seed=7)
    files = {}

    def csv_file(name, header, records, encoding="utf-8"):
        path = workdir / name
        with open(path, "w", encoding=encoding, newline="", errors="replace") as stream:
            writer = csv.writer(stream)
            if header:
                writer.writerow(header)
            for record in records:
                writer.writerow(record)
        return path

    values = [[row.get(column, "") for column in COLUMNS] for row in good]
    files[f"good CSV, {rows} rows"] = csv_file("good.csv", COLUMNS, values)
    files["Latin-1 CSV (a spreadsheet's export)"] = csv_file("latin1.csv", COLUMNS, values[:500], "latin-1")
    files["UTF-16 CSV"] = csv_file("utf16.csv", COLUMNS, values[:500], "utf-16")
    files["CSV without its header row"] = csv_file("noheader.csv", None, values[:500])
    files["CSV with two extra columns"] = csv_file(
        "extra.csv", [*COLUMNS, "fax", "notes"], [[*v, "017 123", "x"] for v in values[:500]]
    )
    extra_cells = [[*v, "x", "y"] for v in values[:500]]
    files["CSV rows with extra cells"] = csv_file("extracells.csv", COLUMNS, extra_cells)
    deep = workdir / "deep.json"
    deep.write_text("[" * 200_000 + "]" * 200_000)
    files["JSON nested 200,000 deep"] = deep
    garbage = workdir / "garbage.csv"
    garbage.write_bytes(random.Random(1).randbytes(5 * 1024 * 1024))
    files["5 MB of random bytes"] = garbage

    # 100 MB of real, valid rows (not a sparse file): the good rows again and again.
    huge = workdir / "huge.csv"
    with open(huge, "w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(COLUMNS)
        while stream.tell() < 100 * 1024 * 1024:
            writer.writerows(values)
    files["100 MB CSV of valid rows"] = huge

    near = workdir / "near-limit.json"
    records = [dict(zip(COLUMNS, v, strict=True)) for v in values]
    batch = []
    while len(json.dumps(batch)) < 19 * 1024 * 1024 and len(batch) < 20_000:
        batch.extend(records[: min(len(records), 20_000 - len(batch))])
    near.write_text(json.dumps(batch))
    files[f"JSON of {len(batch)} rows, {near.stat().st_size / 1e6:.1f} MB"] = near
    return files


def main(rows):
    from django.core.management import call_command
    from import_associations import build_site

    call_command("migrate", verbosity=0)
    build_site()
    # harness.py has pointed DATABASE_URL at the throwaway database; the commands run against it too.
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "sakke_site.settings.test", "LANG": "C.UTF-8"}
    workdir = Path(tempfile.mkdtemp(prefix="sakke-bench-files-"))
    try:
        files = write_files(workdir, rows)
        code, seconds, peak, _message = run(["check"], env, workdir)
        print(f"{'baseline: manage.py check':48} exit {code}  {seconds:6.1f} s  {peak:6.0f} MB")
        for name, path in files.items():
            code, seconds, peak, message = run(["import_associations", "--dry-run", str(path)], env, workdir)
            print(f"{name:48} exit {code}  {seconds:6.1f} s  {peak:6.0f} MB  {message[:110]}")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    setup_django()
    from django.conf import settings

    database = Path(str(settings.DATABASES["default"]["NAME"]))
    try:
        main(int(sys.argv[1]) if len(sys.argv) > 1 else 5_000)
    finally:
        if database.parent.name.startswith("sakke-bench-"):
            shutil.rmtree(database.parent, ignore_errors=True)
