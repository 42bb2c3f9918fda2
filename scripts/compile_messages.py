"""Compile the project's translations (locale/*/LC_MESSAGES/*.po) to .mo, in pure Python.

Usage: python scripts/compile_messages.py [--check]

The portal's own Dutch translations (locale/nl/) cover what Django and the installed
packages leave in English. The compiled .mo files are committed next to the .po
files, so a fresh checkout needs no compile step at all. After editing a .po file,
run this script and commit both files. It needs nothing but Python (GNU gettext's
msgfmt, which `manage.py compilemessages` calls, need not be installed); files
compiled by msgfmt work just as well. With --check it only reports stale .mo files
and exits 1 if there are any (tests/test_admin_dutch.py runs the same check).

Supported: msgctxt, msgid_plural with msgstr[n], multi-line strings and the usual
escapes. Entries marked `#, fuzzy` are left out, as msgfmt does.
"""

import ast
import gettext
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCALE_DIR = ROOT / "locale"


def parse_po(text):
    """The catalog of a .po file: {key: translation}, as gettext stores them in a .mo.

    A key is the msgid (prefixed with "context\\x04" under msgctxt); a plural entry
    has the key "msgid\\0msgid_plural" and the translation "form0\\0form1…".
    """
    catalog = {}
    entry, field, fuzzy = {}, None, False

    def flush():
        nonlocal entry, field, fuzzy
        if "msgid" in entry and not (fuzzy and entry["msgid"]):
            key = entry["msgid"]
            if "msgid_plural" in entry:
                key += "\0" + entry["msgid_plural"]
                forms = sorted(k for k in entry if k.startswith("msgstr["))
                value = "\0".join(entry[k] for k in forms)
            else:
                value = entry.get("msgstr", "")
            if "msgctxt" in entry:
                key = entry["msgctxt"] + "\x04" + key
            if value.replace("\0", ""):  # untranslated entries stay out
                catalog[key] = value
        entry, field, fuzzy = {}, None, False

    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            if field is not None and field.startswith("msgstr"):
                flush()
            if line.startswith("#,") and "fuzzy" in line:
                fuzzy = True
            continue
        if line.startswith('"'):
            if field is None:
                raise ValueError(f"line {number}: string outside an entry")
            entry[field] += ast.literal_eval(line)
            continue
        keyword, _, rest = line.partition(" ")
        if keyword in ("msgctxt", "msgid") and field is not None and field.startswith("msgstr"):
            flush()
        if keyword not in ("msgctxt", "msgid", "msgid_plural", "msgstr") and not (
            keyword.startswith("msgstr[") and keyword.endswith("]")
        ):
            raise ValueError(f"line {number}: unknown keyword {keyword!r}")
        field = keyword
        entry[field] = ast.literal_eval(rest.strip())
    flush()
    return catalog


def mo_bytes(catalog):
    """A .mo file (GNU format, little-endian, no hash table) for a parsed catalog."""
    keys = sorted(catalog, key=lambda k: k.encode("utf-8"))
    ids = [k.encode("utf-8") for k in keys]
    strs = [catalog[k].encode("utf-8") for k in keys]
    count = len(keys)
    ids_start = 7 * 4 + count * 16
    offsets, ids_blob, strs_blob = [], b"", b""
    for msgid, msgstr in zip(ids, strs, strict=True):
        offsets.append((len(msgid), len(ids_blob), len(msgstr), len(strs_blob)))
        ids_blob += msgid + b"\0"
        strs_blob += msgstr + b"\0"
    strs_start = ids_start + len(ids_blob)
    id_table = b"".join(struct.pack("<2I", n, ids_start + o) for n, o, _, _ in offsets)
    str_table = b"".join(struct.pack("<2I", n, strs_start + o) for _, _, n, o in offsets)
    header = struct.pack("<7I", 0x950412DE, 0, count, 28, 28 + count * 8, 0, 0)
    return header + id_table + str_table + ids_blob + strs_blob


def mo_catalog(path):
    """The catalog of a compiled .mo file, in the same shape as parse_po's."""
    with open(path, "rb") as f:
        translations = gettext.GNUTranslations(f)
    catalog = {}
    plurals = {}
    for key, value in translations._catalog.items():
        if isinstance(key, tuple):
            plurals.setdefault(key[0], {})[key[1]] = value
        elif key:
            catalog[key] = value
    # GNUTranslations keys plurals by the singular; the plural msgid is not kept.
    return catalog, plurals


def is_current(po_path):
    """Whether the .mo next to po_path holds exactly the .po file's translations."""
    mo_path = po_path.with_suffix(".mo")
    if not mo_path.exists():
        return False
    expected = {k: v for k, v in parse_po(po_path.read_text(encoding="utf-8")).items() if k}
    singles, plurals = mo_catalog(mo_path)
    want_singles = {k: v for k, v in expected.items() if "\0" not in k}
    want_plurals = {
        k.split("\0")[0]: dict(enumerate(v.split("\0"))) for k, v in expected.items() if "\0" in k
    }
    return singles == want_singles and plurals == want_plurals


def po_files():
    return sorted(LOCALE_DIR.glob("*/LC_MESSAGES/*.po"))


def main(argv):
    check = "--check" in argv
    stale = []
    for po_path in po_files():
        if check:
            if not is_current(po_path):
                stale.append(po_path)
            continue
        catalog = parse_po(po_path.read_text(encoding="utf-8"))
        po_path.with_suffix(".mo").write_bytes(mo_bytes(catalog))
        print(f"{po_path.relative_to(ROOT)}: {len(catalog) - 1} vertalingen")
    for path in stale:
        print(f"Verouderd: {path.with_suffix('.mo').relative_to(ROOT)}", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
