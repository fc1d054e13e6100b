"""The Python package against the CLI and against Python's own string, bytes and UTF-16 slicing."""

import json
import subprocess
import threading

import pytest

import factionlens
from factionlens import FactionLensError, Lens, MENTION_FIELDS

# Arabic with tashkeel and a proclitic, emoji (astral: 1 code point, 2 UTF-16 units, 4 bytes), a
# combining accent, and Latin names.
MIXED = (
    "😀 Kataib Hizballah and Asa’ib Ahl al-Haq 🇮🇶 said; وكتائب حزب الله 🙂 "
    "and the PMF (Popular Mobilization Forces). Qais al-Khazali spoke. Café ✓ عصائب أهل الحق."
)


def cli_scan(cli, text):
    out = subprocess.run([cli, "scan", "-"], input=text.encode(), capture_output=True, check=True)
    return json.loads(out.stdout)["mentions"]


def test_offsets_index_python_strings_utf8_bytes_and_utf16(lens):
    ms = lens.scan(MIXED)
    assert len(ms) >= 6
    b = MIXED.encode("utf-8")
    u = MIXED.encode("utf-16-le")
    for m in ms:
        assert set(m) == set(MENTION_FIELDS)
        assert MIXED[m["start"]:m["end"]] == m["text"]
        assert b[m["byte_start"]:m["byte_end"]].decode("utf-8") == m["text"]
        assert u[2 * m["start_utf16"]:2 * m["end_utf16"]].decode("utf-16-le") == m["text"]
    arabic = [m for m in ms if m["rule"] == "arabic"]
    assert [m["text"] for m in arabic] == ["كتائب حزب الله", "عصائب أهل الحق"]
    # past the emoji, code points and UTF-16 units differ: the three units really are different
    assert any(m["start"] != m["start_utf16"] != m["byte_start"] for m in ms)


def test_same_mentions_as_the_cli(lens, cli, root):
    texts = [MIXED] + [p.read_text("utf-8") for p in sorted((root / "tests/fixtures").glob("*.txt"))]
    for text in texts:
        ours = lens.scan(text)
        theirs = cli_scan(cli, text)
        assert len(ours) == len(theirs) > 0
        for a, c in zip(ours, theirs):
            assert (a["entity"], a["type"], a["text"], a["alias"], a["rule"]) == (
                c["entity"], c["type"], c["text"], c["alias"], c["rule"])
            assert (a["start_utf16"], a["end_utf16"]) == (c["start"], c["end"])
            assert (a["byte_start"], a["byte_end"]) == (c["byte_start"], c["byte_end"])
            assert a["ambiguous"] == c.get("ambiguous", False)


def test_scan_many_equals_scan_in_order_on_any_thread_count(lens, root):
    texts = [p.read_text("utf-8") for p in sorted((root / "tests/fixtures").glob("*.txt"))]
    texts = (texts + [MIXED, "", "nothing here"]) * 7
    one_by_one = [lens.scan(t) for t in texts]
    for threads in (None, 1, 2, 5, 1000):
        assert lens.scan_many(texts, threads=threads) == one_by_one
    assert lens.scan_many([]) == []


def test_scan_many_releases_the_gil(lens):
    # While scan_many runs, a Python thread keeps counting; with the GIL held it could not run at all.
    texts = [MIXED * 200] * 40
    ticks = []
    stop = threading.Event()

    def count():
        while not stop.is_set():
            ticks.append(1)

    t = threading.Thread(target=count)
    t.start()
    before = len(ticks)
    lens.scan_many(texts, threads=1)
    during = len(ticks) - before
    stop.set()
    t.join()
    assert during > 0


def test_dictionaries_from_paths_and_text(lens, root):
    n = len(lens)
    report = lens.load_dictionary(str(root / "tests/fixtures/dicts/good.csv"))
    assert report["ids"] == ["liwa-al-test"] and report["total"] == n + 1
    assert [m["entity"] for m in lens.scan("The Liwa al-Test and KH")][:1] == ["liwa-al-test"]
    toml = '[[entity]]\nid = "brigade-x"\nname = "Brigade Xylo"\ntype = "armed_group"\n'
    assert lens.load_dictionary(toml, "toml", replace=True) == {"loaded": 1, "ids": ["brigade-x"], "total": 1}
    assert [m["entity"] for m in lens.scan("Brigade Xylo and Kataib Hezbollah")] == ["brigade-x"]


def test_a_bad_dictionary_names_line_and_field_and_changes_nothing(lens, root):
    text = "Kataib Hezbollah, Asaib Ahl al-Haq"
    before = (len(lens), lens.scan(text))
    with pytest.raises(FactionLensError) as e:
        lens.load_dictionary(str(root / "tests/fixtures/dicts/bad-type.toml"))
    assert "bad-type.toml" in str(e.value) and "type" in str(e.value)
    with pytest.raises(FactionLensError, match="format"):
        lens.load_dictionary("id,name,type\nx,X,armed_group\n")
    with pytest.raises(FactionLensError, match="dictionary:2: .*field `type`"):
        lens.load_dictionary("id,name,type,aliases\nx,X,militia,\n", "csv")
    assert (len(lens), lens.scan(text)) == before
    assert isinstance(FactionLensError("x"), ValueError)


def test_entities_and_cards(lens):
    ents = lens.entities()
    assert len(ents) == len(lens) >= 100
    ids = {e["id"] for e in ents}
    assert "kataib-hezbollah" in ids
    card = lens.entity("kataib-hezbollah")
    assert card["name"] == "Kata'ib Hezbollah" and card["origin"] == "builtin"
    assert any(r["source"] for r in card["incoming"]) or card["relations"]
    assert lens.entity("no-such-entity") is None


def test_records_are_flat_and_pandas_ready(lens):
    import pandas

    texts = ["Kataib Hezbollah struck.", "Nothing.", "The PMF and Kata'ib Hezbollah (KH)."]
    recs = lens.records(texts, ids=["a", "b", "c"])
    df = pandas.DataFrame(recs)
    assert list(df.columns) == ["doc"] + list(MENTION_FIELDS)
    assert df.groupby("doc").size().to_dict() == {"a": 1, "c": 3}
    for r in recs:
        text = texts["abc".index(r["doc"])]
        assert text[r["start"]:r["end"]] == r["text"]
    with pytest.raises(FactionLensError):
        lens.records(texts, ids=["a"])


def test_version_matches_the_crate(root):
    cargo = (root / "Cargo.toml").read_text()
    assert f'version = "{factionlens.__version__}"' in cargo
