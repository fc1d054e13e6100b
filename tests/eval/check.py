#!/usr/bin/env python3
"""Lint the evaluation corpus (format: /work/wt/EVAL-FORMAT.md, summarised in tests/eval/README.md).

Why it exists: the gold is typed by hand, so slips (a broken `[[…]]`, an id that is in neither the KB
nor MISSING.md, a missing front-matter field) must be caught before the engine's `eval` command reads
the files. It does NOT score anything; the Rust `factionlens eval` does that.

    python3 tests/eval/check.py            # lint every file, print counts
    python3 tests/eval/check.py --plain F  # print F's plain text (markup removed) for a slip check
"""
import pathlib
import re
import sys
import tomllib

ROOT = pathlib.Path(__file__).resolve().parent
KB = ROOT.parent.parent / "data" / "kb"
MARK = re.compile(r"\[\[([^\[\]|]+)\|([^\[\]|]+)(?:\|([^\[\]]*))?\]\]")
REQUIRED = ("source", "outlet", "date", "lang", "kind")
KINDS = {"wire", "iraqi", "gulf", "iranian", "think_tank", "government", "other"}


def split(path):
    text = path.read_text(encoding="utf-8")
    parts = text.split("+++\n", 2)
    if len(parts) != 3 or parts[0] != "":
        raise ValueError(f"{path}: front matter must open the file between '+++' lines")
    return tomllib.loads(parts[1]), parts[2]


def plain(body):
    """The article text: `[[a|b]]` and `[[a|b|note]]` become `a`; returns (text, mentions)."""
    out, mentions, last = [], [], 0
    pos = 0
    for m in MARK.finditer(body):
        out.append(body[last:m.start()])
        pos += m.start() - last
        surface, ident = m.group(1), m.group(2)
        mentions.append((pos, pos + len(surface), surface, ident, m.group(3)))
        out.append(surface)
        pos += len(surface)
        last = m.end()
    out.append(body[last:])
    return "".join(out), mentions


def known_ids():
    ids = set()
    for f in KB.glob("*.toml"):
        ids.update(re.findall(r'^id\s*=\s*"([^"]+)"', f.read_text(encoding="utf-8"), re.M))
    missing = ROOT / "MISSING.md"
    if missing.exists():
        ids.update(re.findall(r"^\|\s*`([a-z0-9-]+)`", missing.read_text(encoding="utf-8"), re.M))
    return ids


def main(argv):
    if len(argv) == 3 and argv[1] == "--plain":
        print(plain(split(pathlib.Path(argv[2]))[1])[0], end="")
        return 0
    ids, errors = known_ids(), []
    stats = {"files": 0, "gold": 0, "neg": 0}
    per = {}
    used = set()
    for path in sorted(ROOT.glob("*/*.md")):
        try:
            meta, body = split(path)
        except (ValueError, tomllib.TOMLDecodeError) as e:
            errors.append(f"{path}: {e}")
            continue
        for k in REQUIRED:
            if k not in meta:
                errors.append(f"{path}: front matter lacks `{k}`")
        if meta.get("kind") not in KINDS:
            errors.append(f"{path}: kind `{meta.get('kind')}` not one of {sorted(KINDS)}")
        if meta.get("lang") != path.parent.name:
            errors.append(f"{path}: lang `{meta.get('lang')}` but directory `{path.parent.name}`")
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(meta.get("date", ""))):
            errors.append(f"{path}: date must be YYYY-MM-DD")
        text, mentions = plain(body)
        for n, line in enumerate(text.splitlines(), 1):
            if "[[" in line or "]]" in line:
                errors.append(f"{path}: plain line {n} still has '[[' or ']]' (broken markup)")
        stats["files"] += 1
        key = (meta.get("lang"), meta.get("kind"))
        per[key] = per.get(key, 0) + 1
        for (_, _, surface, ident, _) in mentions:
            if surface != surface.strip():
                errors.append(f"{path}: surface `{surface}` has outer spaces")
            if ident == "?":
                stats["neg"] += 1
                continue
            stats["gold"] += 1
            used.add(ident)
            if ident not in ids:
                errors.append(f"{path}: id `{ident}` is in neither data/kb nor MISSING.md")
    for e in errors:
        print(e, file=sys.stderr)
    print(f"{stats['files']} files, {stats['gold']} gold mentions, {stats['neg']} hard negatives, "
          f"{len(used)} entities")
    for (lang, kind), n in sorted(per.items()):
        print(f"  {lang} {kind}: {n}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
