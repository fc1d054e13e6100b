"""FollowTheMoney dictionaries built with the `followthemoney` package (the library that defines the
format), loaded by the FactionLens CLI under OpenSanctions' file names."""

import json
import tempfile
import unittest
from pathlib import Path

from followthemoney import model

from common import factionlens


def write(directory, name, entities):
    path = Path(directory) / name
    path.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in entities), encoding="utf-8")
    return path


def make(schema, id, **props):
    e = model.make_entity(schema)
    e.id = id
    for prop, values in props.items():
        for v in values if isinstance(values, list) else [values]:
            e.add(prop, v)
    return e


def kb(path):
    out = factionlens("kb", "--format", "json", "--replace-kb", "--dict", path)
    return {e["id"]: e for e in json.loads(out.stdout)["entities"]}, out.stderr


def scan(path, text):
    out = factionlens("scan", "--replace-kb", "--dict", path, "-", stdin=text)
    return [(m["entity"], m["text"], m["rule"]) for m in json.loads(out.stdout)["mentions"]]


class GeneratedByFollowTheMoney(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        group = make(
            "Organization", "NK-2PacmNpiLUmoz4XD2mSt7A",
            name="Harakat al-Test al-Nujabi", weakAlias="Nujabi", previousName="Test Brigades of the Nobles",
            alias="حركة الاختبار النجباء", topics=["crime.terror", "sanction"], country="iq",
        )
        security = make("PublicBody", "NK-sec", name="Test Security Directorate", topics=["gov.security", "crime.terror"])
        party = make("Organization", "NK-party", name="Test Reform Party", topics="pol.party")
        army = make("PublicBody", "NK-army", name="Test Ground Forces", topics="mil")
        person = make("Person", "NK-pers", firstName="Abu Fadil", lastName="al-Testawi", country="iq")
        one_word = make("Person", "NK-hassan", name="Hassan")
        sanction = make("Sanction", "ofac-1", entity="NK-pers", program="SDGT")
        cls.entities = [e.to_dict() for e in (group, security, party, army, person, one_word, sanction)]
        # Case-distinct ids stay distinct.
        cls.entities.append(make("Organization", "nk-party", name="Another Test Party").to_dict())

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_topics_we_map_are_followthemoney_topics(self):
        topics = model.get("Organization").get("topics").type.names
        for t in ("gov.security", "pol.party", "mil", "crime.terror"):
            self.assertIn(t, topics)

    def test_every_opensanctions_file_name_loads(self):
        for name in ("entities.ftm.json", "targets.nested.json", "export.jsonl", "x.ftm.json", "plain.json"):
            entities, _ = kb(write(self.tmp.name, name, self.entities))
            self.assertEqual(len(entities), 7, name)

    def test_fields_and_types(self):
        entities, stderr = kb(write(self.tmp.name, "entities.ftm.json", self.entities))
        g = entities["NK-2PacmNpiLUmoz4XD2mSt7A"]
        self.assertEqual(g["type"], "armed_group")
        self.assertEqual(g["country"], ["IQ"])
        self.assertIn("Test Brigades of the Nobles", g["aliases"])
        self.assertEqual(g["defined_only"], ["Nujabi"])
        self.assertEqual(g["arabic"], ["حركة الاختبار النجباء"])
        self.assertEqual(entities["NK-sec"]["type"], "state_security")
        self.assertEqual(entities["NK-party"]["type"], "political")
        self.assertEqual(entities["nk-party"]["name"], "Another Test Party")
        self.assertEqual(entities["NK-army"]["type"], "state_security")
        p = entities["NK-pers"]
        self.assertEqual((p["type"], p["name"], p["short_names"]), ("person", "Abu Fadil al-Testawi", ["al-Testawi"]))
        self.assertNotIn("ofac-1", entities)
        self.assertIn("one-word person name", stderr)

    def test_mentions(self):
        path = write(self.tmp.name, "targets.nested.json", self.entities)
        text = ("Harakat al-Test al-Nujabi (Nujabi) said; Nujabi fighters and the Test Security Directorate "
                "moved. Abu Fadil al-Testawi spoke, then al-Testawi left. Hassan said nothing.")
        got = scan(path, text)
        self.assertEqual([t for _, t, _ in got], [
            "Harakat al-Test al-Nujabi", "Nujabi", "Nujabi", "Test Security Directorate",
            "Abu Fadil al-Testawi", "al-Testawi",
        ])
        self.assertEqual(got[1][0], "NK-2PacmNpiLUmoz4XD2mSt7A")
        self.assertEqual(scan(path, "Nujabi said. Hassan said."), [])

    def test_every_followthemoney_schema_is_known(self):
        # One entity of each concrete schema of the package: none is reported as unknown.
        ents = []
        for name, schema in sorted(model.schemata.items()):
            if schema.abstract:
                continue
            e = model.make_entity(name)
            e.id = f"id-{name}"
            if "name" in schema.properties:
                e.add("name", f"Test {name} Name")
            ents.append(e.to_dict())
        ents.append({"id": "typo", "schema": "Organisation", "properties": {"name": ["Typo Org"]}})
        _, stderr = kb(write(self.tmp.name, "all.ftm.json", ents))
        unknown = [l for l in stderr.splitlines() if "unknown FollowTheMoney schema" in l]
        self.assertEqual(len(unknown), 1, unknown)
        self.assertIn(f"all.ftm.json:{len(ents)}:", unknown[0])

    def test_bad_value_in_an_unread_property_is_a_warning_naming_line_and_property(self):
        good = self.entities[0]
        bad = {"id": "NK-x", "schema": "Person", "properties": {"name": ["Abu Test"], "birthPlace": "Saudi Arabia"}}
        entities, stderr = kb(write(self.tmp.name, "w.jsonl", [good, bad]))
        self.assertIn("NK-x", entities)
        self.assertIn("w.jsonl:2:", stderr)
        self.assertIn("properties.birthPlace", stderr)
        # In a property FactionLens reads, the same mistake refuses the file and says where.
        bad["properties"]["name"] = "Abu Test"
        out = factionlens("kb", "--replace-kb", "--dict", write(self.tmp.name, "e.jsonl", [good, bad]), check=False)
        self.assertEqual(out.returncode, 2)
        self.assertIn("e.jsonl:2:", out.stderr)
        self.assertIn("properties.name", out.stderr)


if __name__ == "__main__":
    unittest.main()
