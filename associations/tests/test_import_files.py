"""Malformed import files: whatever bytes arrive, the import refuses the file or reports rows, with a
message, and never crashes or reads an unbounded amount.

Hypothesis generates the files (random bytes, random text in and around the CSV and JSON shapes); the
named cases are the ones people actually send: a spreadsheet's Latin-1 or UTF-16 export, a file without
its header row, extra columns, a huge file.
"""

import csv
import io
import json

import pytest
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from associations.importer import COLUMNS, ImportFileError, read_limited, read_rows
from associations.importer import read as importer_read
from associations.models import AssociationPage
from associations.tests.test_import import ROW, write_csv

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def parse(data, file_format):
    """What the import makes of the bytes: rows or ImportFileError with a message, nothing else."""
    with translation.override("en"):
        try:
            return read_rows(data, file_format)
        except ImportFileError as error:
            assert error.message.strip()
            return error


def csv_text(header, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


cell = st.text(max_size=40)
column = st.one_of(st.sampled_from(COLUMNS), st.text(max_size=12))


@FUZZ
@given(data=st.binary(max_size=2000), file_format=st.sampled_from(["csv", "json"]))
def test_random_bytes_are_refused_or_read(data, file_format):
    parse(data, file_format)


@FUZZ
@given(
    header=st.lists(column, max_size=len(COLUMNS) + 3),
    rows=st.lists(st.lists(cell, max_size=len(COLUMNS) + 3), max_size=5),
)
def test_random_csv_shapes_are_refused_or_read(header, rows):
    outcome = parse(csv_text(header, rows).encode("utf-8"), "csv")
    if not isinstance(outcome, ImportFileError):
        assert sorted(set(header)) == sorted(COLUMNS)  # only a file with exactly the columns is read
        for row in outcome:
            assert set(row.values) == set(COLUMNS)


json_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=10,
)


@FUZZ
@given(
    items=st.lists(
        st.one_of(
            st.fixed_dictionaries(dict.fromkeys(COLUMNS, json_value)),
            st.dictionaries(column, json_value, max_size=6),
            json_value,
        ),
        max_size=4,
    )
)
def test_random_json_shapes_are_refused_or_read(items):
    outcome = parse(json.dumps(items).encode("utf-8"), "json")
    if not isinstance(outcome, ImportFileError):
        assert len(outcome) == len(items)


@pytest.mark.parametrize(
    ("data", "file_format", "message"),
    [
        (csv_text(COLUMNS, [list(ROW.values())]).encode("utf-16"), "csv", "not UTF-8"),
        (csv_text(COLUMNS, [["Kuopion Eläkeläiset ry"]]).encode("latin-1"), "csv", "not UTF-8"),
        (b"", "csv", "empty"),
        (b"\xef\xbb\xbf", "csv", "empty"),  # only Excel's byte order mark
        (b"[" * 100_000 + b"]" * 100_000, "json", "nested too deeply"),
        (b"null", "json", "array of objects"),
        (b'"a\x00b', "csv", ""),
    ],
    ids=["utf-16", "latin-1", "empty", "bom-only", "deep-json", "json-null", "nul-byte"],
)
def test_named_malformed_files_get_a_clear_message(data, file_format, message):
    outcome = parse(data, file_format)
    if message:
        assert isinstance(outcome, ImportFileError)
        assert message in outcome.message


def test_a_file_without_its_header_row_names_the_missing_columns():
    values = [ROW.get(name, "") for name in COLUMNS]
    outcome = parse(csv_text(values, [values]).encode("utf-8"), "csv")
    assert isinstance(outcome, ImportFileError)
    assert "missing columns" in outcome.message and "The columns must be" in outcome.message


def test_a_row_with_extra_cells_is_reported_and_not_imported(run_import, association_index, tmp_path):
    path = write_csv(tmp_path, [ROW])
    with open(path, "a", encoding="utf-8") as stream:
        stream.write(",".join(["x"] * (len(COLUMNS) + 2)) + "\n")
    outcome = run_import(path, "--atomic")
    assert "Row 3" in outcome.stdout + outcome.stderr + str(outcome.error)
    assert "more cells than the header" in outcome.stdout + outcome.stderr + str(outcome.error)
    assert not AssociationPage.objects.exists()


def test_a_100_megabyte_file_is_refused_before_it_is_read(run_import, association_index, tmp_path):
    path = tmp_path / "huge.csv"
    with open(path, "wb") as stream:
        stream.write(",".join(COLUMNS).encode() + b"\n")
        stream.truncate(100 * 1024 * 1024)  # sparse: 100 MB on paper, nothing to read
    outcome = run_import(path)
    assert "100.0 MB" in str(outcome.error) and "at most 20 MB" in str(outcome.error)


def test_reading_stops_after_the_limit_when_the_size_is_not_known(monkeypatch):
    monkeypatch.setattr(importer_read, "MAX_FILE_BYTES", 1000)
    stream = io.BytesIO(b"x" * 5000)
    with translation.override("en"), pytest.raises(ImportFileError, match="larger than"):
        read_limited(stream)
    assert stream.tell() == 1001  # read the limit and one byte, not the whole stream


def test_too_many_rows_are_refused(monkeypatch):
    monkeypatch.setattr(importer_read, "MAX_ROWS", 3)
    values = [ROW.get(name, "") for name in COLUMNS]
    assert len(parse(csv_text(COLUMNS, [values] * 3).encode(), "csv")) == 3
    outcome = parse(csv_text(COLUMNS, [values] * 4).encode(), "csv")
    assert isinstance(outcome, ImportFileError) and "more than 3 associations" in outcome.message
    outcome = parse(json.dumps([dict(zip(COLUMNS, values, strict=True))] * 4).encode(), "json")
    assert isinstance(outcome, ImportFileError) and "more than 3 associations" in outcome.message
