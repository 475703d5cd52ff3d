"""Hostile entries in a landing folder, on the real file system and a real Dagster instance:
each entry named like a PDF is read under a safe, unique name or refused with its reason,
and every name is accepted as a partition key."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import dagster as dg
import pytest

from orchestration.defs.extraction.documents import documents_partitions, landing_documents, sync_document_partitions
from warehouse.landing import scan_landing

CHINESE = "上海市普陀区财政局2025年部门预算.pdf"
# name (bytes, as a share or a zip writes them) -> the name it goes by
READ = {
    b"\xff\xfebad.pdf": "\\xff\\xfebad.pdf",  # not UTF-8, not GB18030: its bytes escaped
    "预算.pdf".encode("gbk"): "预算.pdf",  # a GBK machine's name, read as GB18030
    b"line\nbreak.pdf": "line\\nbreak.pdf",
    b"tab\tand\x07bell.pdf": "tab\\tand\\x07bell.pdf",
    b"quote'\"$(rm -rf x);`id`&|<>.pdf": "quote'\"$(rm -rf x);`id`&|<>.pdf",
    b"dots...in...name.pdf": "dots...in...name.pdf",
    b"UPPER.PDF": "UPPER.PDF",
    unicodedata.normalize("NFC", CHINESE).encode(): unicodedata.normalize("NFC", CHINESE),
    unicodedata.normalize("NFD", "Café预算.pdf").encode(): unicodedata.normalize("NFD", "Café预算.pdf"),
    unicodedata.normalize("NFC", "Café预算.pdf").encode(): unicodedata.normalize("NFC", "Café预算.pdf"),
    b"x" * 251 + b".pdf": "x" * 251 + ".pdf",  # 255 bytes, the longest name Linux allows
}


@pytest.fixture
def landing(tmp_path):
    folder = tmp_path / "landing"
    folder.mkdir()
    for name in READ:
        with open(os.path.join(os.fsencode(folder), name), "wb") as f:
            f.write(b"%PDF-1.4 " + name)
    (folder / "a folder.pdf").mkdir()
    os.mkfifo(folder / "pipe.pdf")
    outside = tmp_path / "secret.pdf"
    outside.write_bytes(b"%PDF-1.4 outside")
    (folder / "link_out.pdf").symlink_to(outside)
    (folder / "link_to_passwd.pdf").symlink_to("/etc/passwd")
    (folder / "link_in.pdf").symlink_to(folder / "UPPER.PDF")
    (folder / "dangling.pdf").symlink_to(folder / "nothing-here.pdf")
    (folder / "notes.txt").write_text("not a PDF: never listed")
    return folder


def test_every_entry_is_read_under_a_safe_name_or_refused_with_a_reason(landing):
    scan = scan_landing(landing)
    read = {f.name for f in scan.files}
    assert read == set(READ.values()) | {"link_in.pdf"}
    refused = {r.name: r.reason for r in scan.refused}
    assert set(refused) == {"a folder.pdf", "pipe.pdf", "link_out.pdf", "link_to_passwd.pdf", "dangling.pdf"}
    assert "folder" in refused["a folder.pdf"] and "pipe" in refused["pipe.pdf"]
    assert "outside the landing folder" in refused["link_out.pdf"] == refused["link_to_passwd.pdf"]
    assert "does not exist" in refused["dangling.pdf"]
    # every name is text that can be stored and printed: valid UTF-8, no control character
    for name in read | set(refused):
        name.encode("utf-8")
        assert not any(unicodedata.category(c) == "Cc" for c in name), name
    # each read file is the one its name says
    for file in scan.files:
        assert file.path.read_bytes().startswith(b"%PDF-1.4 ")
    assert {f.name: f.path.read_bytes() for f in scan.files}["\\xff\\xfebad.pdf"] == b"%PDF-1.4 \xff\xfebad.pdf"


def test_a_changed_name_yields_to_a_file_truly_called_so(landing):
    (landing / "\\xff\\xfebad.pdf").write_bytes(b"%PDF-1.4 the real one")
    by_name = {f.name: f.path for f in scan_landing(landing).files}
    assert by_name["\\xff\\xfebad.pdf"].read_bytes() == b"%PDF-1.4 the real one"
    renamed = [name for name in by_name if name.startswith("\\xff\\xfebad~")]
    assert len(renamed) == 1 and by_name[renamed[0]].read_bytes() == b"%PDF-1.4 \xff\xfebad.pdf"


def test_an_unreadable_file_is_refused_or_read_never_a_crash(landing):
    locked = landing / "locked.pdf"
    locked.write_bytes(b"%PDF-1.4 locked")
    locked.chmod(0)
    scan = scan_landing(landing)
    if os.access(locked, os.R_OK):  # root reads it all the same
        assert "locked.pdf" in {f.name for f in scan.files}
    else:
        assert {r.name: r.reason for r in scan.refused}["locked.pdf"] == "The file cannot be read: permission denied."


def test_every_name_is_a_partition_key_of_its_own_in_a_real_instance(landing):
    (landing / "dots_in_name.pdf").write_bytes(b"%PDF-1.4 a twin once its dots are replaced")
    documents = landing_documents(landing)
    assert len(documents) == len(scan_landing(landing).files)  # one key per file, none lost to a twin
    with dg.DagsterInstance.ephemeral() as instance:
        added, removed = sync_document_partitions(instance, landing)
        assert sorted(added) == sorted(documents) and removed == []
        assert instance.get_dynamic_partitions(documents_partitions.name) == list(documents)
        Path(documents["UPPER.PDF"].path).unlink()
        (landing / "link_in.pdf").unlink()
        assert sync_document_partitions(instance, landing) == ([], ["UPPER.PDF", "link_in.pdf"])
