"""What a batch runs: documents found in a folder or listed in a manifest."""

from __future__ import annotations

import pytest

from treaty_align.batch.collection import collect, discover_folder, read_manifest, report_stem
from treaty_align.errors import InputError


def test_folder_gives_one_document_per_sub_folder_without_notes(collection):
    documents = discover_folder(collection)
    assert [d.id for d in documents] == ["act-00", "act-01", "act-02"]
    assert [p.name for p in documents[0].paths] == ["az.md", "kk.md"]  # PROVENANCE.md left out
    assert [p.name for p in documents[2].paths] == ["kk.md"]  # kept: the batch says why it fails


def test_folder_skips_empty_and_hidden_sub_folders(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "notes-only").mkdir()
    (tmp_path / "notes-only" / "README.md").write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="no act found"):
        discover_folder(tmp_path)


def test_manifest_paths_are_relative_to_the_manifest(tmp_path, collection):
    manifest = tmp_path / "acts.csv"
    manifest.write_text(
        "id,paths,authority\n"
        f"first,collection/act-00/kk.md;collection/act-00/az.md,kk\n"
        f"second,{collection / 'act-01' / 'kk.md'};collection/act-01/az.md,\n",
        encoding="utf-8",
    )
    first, second = collect(manifest)
    assert first.id == "first" and first.authority == "kk"
    assert first.paths[0] == tmp_path / "collection" / "act-00" / "kk.md"
    assert second.authority is None and second.paths[0] == collection / "act-01" / "kk.md"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("name,files\na,b;c\n", "missing: id, paths"),
        ("id,paths\n,a;b\n", r"acts.csv:2: empty id"),
        ("id,paths\nx,a;b\nx,c;d\n", r"acts.csv:3: id 'x' is listed twice"),
        ("id,paths\nx,a\n", r"acts.csv:2: 'x' has 1 path\(s\)"),
        ("id,paths\nx,a;b;c;d\n", r"has 4 path\(s\)"),
        ("id,paths\n", "lists no document"),
    ],
)
def test_bad_manifests_name_the_line(tmp_path, text, message):
    manifest = tmp_path / "acts.csv"
    manifest.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        read_manifest(manifest)


def test_collect_refuses_what_is_neither_folder_nor_manifest(tmp_path):
    with pytest.raises(InputError, match="no such folder or manifest"):
        collect(tmp_path / "missing")
    other = tmp_path / "list.txt"
    other.write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="manifest .csv"):
        collect(other)


def test_report_stems_are_safe_and_distinct():
    assert report_stem("act-01") == "act-01"
    assert report_stem("a/b") != report_stem("a b")
    assert report_stem("a/b").startswith("a_b-")
    assert report_stem("../../etc") .startswith("etc-")
