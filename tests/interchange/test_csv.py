"""The CSV export read by Python's csv module and by pandas, on Arabic and emoji text: the code-point
offsets slice the mention out of a Python string, the UTF-16 and byte offsets out of their encodings,
the Excel variant (BOM, CRLF) reads back the same, and formula-like cells are neutralized."""

import csv
import io
import tempfile
import unittest
from pathlib import Path

import pandas as pd

from common import ARTICLES, article, factionlens

COLUMNS = ["entity", "type", "text", "start_utf16", "end_utf16", "start_cp", "end_cp",
           "byte_start", "byte_end", "alias", "rule", "ambiguous"]


def export(name, *extra):
    return factionlens("scan", "-f", "csv", *extra, ARTICLES[name]).stdout


class Csv(unittest.TestCase):
    def test_offsets_in_every_unit_slice_the_mention(self):
        for name in ("arabic", "emoji", "latin"):
            text = article(name)
            rows = list(csv.DictReader(io.StringIO(export(name), newline="")))
            self.assertGreater(len(rows), 3, name)
            u16, u8 = text.encode("utf-16-le"), text.encode("utf-8")
            for r in rows:
                self.assertEqual(text[int(r["start_cp"]):int(r["end_cp"])], r["text"], name)
                self.assertEqual(u16[2 * int(r["start_utf16"]):2 * int(r["end_utf16"])].decode("utf-16-le"), r["text"])
                self.assertEqual(u8[int(r["byte_start"]):int(r["byte_end"])].decode("utf-8"), r["text"])
                self.assertIn(r["ambiguous"], ("true", "false"))
            if name == "emoji":
                self.assertTrue(any(r["start_cp"] != r["start_utf16"] for r in rows))

    def test_pandas_reads_both_variants_the_same(self):
        for name in ("arabic", "emoji"):
            text = article(name)
            plain = pd.read_csv(io.StringIO(export(name)), dtype={"text": str, "alias": str})
            body = factionlens("scan", "-f", "csv", "--excel", ARTICLES[name], binary=True).stdout
            self.assertTrue(body.startswith(b"\xef\xbb\xbf"))
            with tempfile.TemporaryDirectory() as d:
                p = Path(d) / "x.csv"
                p.write_bytes(body)
                self.assertEqual(body.count(b"\r\n"), len(plain) + 1)
                self.assertEqual(body.replace(b"\r\n", b"").count(b"\n"), 0)
                excel = pd.read_csv(p, encoding="utf-8-sig", dtype={"text": str, "alias": str})
            self.assertEqual(list(plain.columns), COLUMNS)
            pd.testing.assert_frame_equal(plain, excel)
            for _, r in plain.iterrows():
                self.assertEqual(text[r.start_cp:r.end_cp], r.text)

    def test_formula_cells_are_neutralized(self):
        with tempfile.TemporaryDirectory() as d:
            dic = Path(d) / "d.csv"
            dic.write_text("id,name,type,aliases\nsum-brigade,Sum Brigade,armed_group,=Sum Force|@Sum Brigade\n", encoding="utf-8")
            doc = Path(d) / "a.txt"
            doc.write_text("The =Sum Force and @Sum Brigade units.", encoding="utf-8")
            out = factionlens("scan", "-f", "csv", "--replace-kb", "--dict", dic, doc).stdout
        rows = list(csv.DictReader(io.StringIO(out)))
        self.assertGreaterEqual(len(rows), 1)
        for r in rows:
            for col in COLUMNS:
                self.assertFalse(r[col][:1] in ("=", "+", "-", "@", "\t", "\r"), (col, r[col]))
        # (a name never runs across a bracket, so the formula-like alias has none)
        self.assertIn("'=Sum Force", [r["alias"] for r in rows] + [r["text"] for r in rows])


if __name__ == "__main__":
    unittest.main()
