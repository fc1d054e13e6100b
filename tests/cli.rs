//! The command line as a user runs it: formats, dictionaries, and bad input in a batch.
#![cfg(not(target_arch = "wasm32"))]

use std::process::{Command, Output};

fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_factionlens"));
    cmd.args(args);
    if let Some(input) = stdin {
        use std::io::Write;
        cmd.stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        let mut child = cmd.spawn().unwrap();
        child.stdin.take().unwrap().write_all(input).unwrap();
        return child.wait_with_output().unwrap();
    }
    cmd.output().unwrap()
}

fn tmp(name: &str, content: &[u8]) -> String {
    let dir = std::env::temp_dir().join(format!("factionlens-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, content).unwrap();
    p.to_string_lossy().into_owned()
}

const DICT: &str = "id,name,type,aliases\nliwa-test,Liwa al-Testiyyin,armed_group,Test Brigade\n";

#[test]
fn json_from_stdin_with_a_dictionary() {
    let dict = tmp("d.csv", DICT.as_bytes());
    let out = run(
        &["scan", "--dict", &dict, "-"],
        Some("The Liwa el-Testiyyin and the Test Brigade.".as_bytes()),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ms = v["mentions"].as_array().unwrap();
    assert_eq!(ms.len(), 2);
    assert_eq!(ms[0]["entity"], "liwa-test");
    assert_eq!(ms[0]["text"], "Liwa el-Testiyyin");
    assert_eq!(ms[0]["rule"], "variant");
    assert_eq!(v["entities"][0]["count"], 2);
    assert_eq!(v["entities"][0]["name"], "Liwa al-Testiyyin");
}

#[test]
fn a_bad_file_in_a_batch_does_not_stop_the_others() {
    let good = tmp("good.txt", b"Test Brigade");
    let latin1 = tmp("latin1.txt", b"caf\xe9 Test Brigade");
    let dict = tmp("d2.csv", DICT.as_bytes());
    let out = run(
        &[
            "scan",
            "--format",
            "jsonl",
            "--dict",
            &dict,
            "/nonexistent/x.txt",
            &latin1,
            &good,
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("/nonexistent/x.txt") && err.contains("latin1.txt: not UTF-8"),
        "{err}"
    );
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert!(lines[0]["error"].is_string() && lines[1]["error"].is_string());
    assert_eq!(lines[2]["mentions"][0]["entity"], "liwa-test");
}

#[test]
fn text_and_html_formats() {
    let dict = tmp("d3.csv", DICT.as_bytes());
    let out = run(
        &["scan", "--format", "text", "--dict", &dict, "-"],
        Some(b"A <Test Brigade> unit"),
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "A <[Test Brigade]{liwa-test}> unit\n"
    );
    let out = run(
        &["scan", "--format", "html", "--dict", &dict, "-"],
        Some(b"<script>x</script> Test Brigade"),
    );
    let html = String::from_utf8_lossy(&out.stdout);
    assert!(html.starts_with("<!doctype html>"));
    assert!(html.contains("&lt;script&gt;") && !html.contains("<script>"));
    assert!(html.contains("data-entity=\"liwa-test\""));
}

#[test]
fn bad_flags_and_dictionaries_give_clear_errors() {
    let out = run(&["scan", "--frobnicate", "-"], Some(b""));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--frobnicate"));
    let out = run(&["scan", "--types", "militia", "-"], Some(b""));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown type `militia`"));
    let bad = tmp("bad.csv", b"id,name,type,aliases\nx,X,militia,\n");
    let out = run(&["scan", "--dict", &bad, "-"], Some(b""));
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bad.csv:2:") && err.contains("field `type`") && err.contains("militia"),
        "{err}"
    );
}

#[test]
fn kb_command_prints_the_kb_in_force() {
    let dict = tmp("d4.csv", DICT.as_bytes());
    let out = run(
        &["kb", "--replace-kb", "--dict", &dict, "--format", "json"],
        None,
    );
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // Only the dictionary is in force: no as-of date.
    assert!(v.get("as_of").is_none_or(|d| d.is_null()), "{v}");
    assert_eq!(v["entities"].as_array().unwrap().len(), 1);
    assert_eq!(v["entities"][0]["id"], "liwa-test");
    let out = run(&["kb", "--dict", &dict], None);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("liwa-test [armed_group] Liwa al-Testiyyin"));
}

#[test]
fn types_filter() {
    let dict = tmp(
        "d5.csv",
        b"id,name,type,aliases\np1,Abu Zed,person,\ng1,Liwa Zed,armed_group,\n",
    );
    let out = run(
        &[
            "scan",
            "--replace-kb",
            "--dict",
            &dict,
            "--types",
            "person",
            "-",
        ],
        Some(b"Abu Zed and Liwa Zed"),
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["mentions"].as_array().unwrap().len(), 1);
    assert_eq!(v["mentions"][0]["entity"], "p1");
}

#[test]
fn patterns_command_lists_every_spelling_of_the_automaton() {
    let dict = tmp("d6.csv", DICT.as_bytes());
    let out = run(&["patterns", "--replace-kb", "--dict", &dict], None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(String::from)
        .collect();
    // Folded, variants included, sorted and distinct (the automaton's pattern order).
    for s in ["liwa al testiyyin", "liwa el testiyyin", "test brigade"] {
        assert!(lines.iter().any(|l| l == s), "{s} missing from {lines:?}");
    }
    assert!(lines.windows(2).all(|w| w[0] < w[1]));

    let out = run(
        &["patterns", "--names", "--replace-kb", "--dict", &dict],
        None,
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.lines()
            .any(|l| l == "liwa al testiyyin\tliwa-test\tname\tname\tLiwa al-Testiyyin"),
        "{text}"
    );
    assert!(
        text.lines()
            .any(|l| l == "liwa el testiyyin\tliwa-test\tname\tvariant\tLiwa al-Testiyyin"),
        "{text}"
    );
    assert!(text.lines().all(|l| l.split('\t').count() == 5));

    // The built-in KB: as many keys as `kb` reports, fewer than the spellings they stand for.
    let out = run(&["patterns", "--keys"], None);
    let keys: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(String::from)
        .collect();
    let spellings = String::from_utf8_lossy(&run(&["patterns"], None).stdout)
        .lines()
        .count();
    assert!(
        keys.len() < spellings,
        "{} keys, {spellings} spellings",
        keys.len()
    );
    assert!(keys.iter().any(|k| k == "kataib hedbulah"), "{keys:?}");
    let kb = String::from_utf8_lossy(&run(&["kb"], None).stdout).into_owned();
    assert!(
        kb.lines()
            .next()
            .unwrap()
            .ends_with(&format!(", {} keys in the automaton", keys.len())),
        "{kb}"
    );
}

#[test]
fn csv_and_annotation_flags() {
    let a = tmp("a.txt", "😀 Kataib Hezbollah said".as_bytes());
    let out = run(&["scan", "-f", "csv", "--excel", &a], None);
    assert!(out.status.success());
    let csv = String::from_utf8(out.stdout).unwrap();
    assert!(csv.starts_with("\u{feff}entity,type,text,start_utf16,end_utf16,start_cp,end_cp,"));
    // UTF-16 3..19, code points 2..18, bytes 5..21.
    assert!(csv.contains(",3,19,2,18,5,21,"), "{csv}");
    assert!(csv.ends_with("\r\n"));
    for (args, msg) in [
        (vec!["scan", "-f", "csv", &a, &a], "one file at a time"),
        (
            vec!["scan", "--excel", &a],
            "--excel goes with --format csv",
        ),
        (
            vec!["scan", "--source", "urn:x:y", &a],
            "--source goes with --format jsonld",
        ),
        (
            vec!["scan", "-f", "jsonld", "--source", "a b", &a],
            "not an absolute IRI",
        ),
    ] {
        let out = run(&args, None);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains(msg),
            "{args:?}"
        );
    }
    let out = run(&["scan", "-f", "jsonld", "--source", "urn:x:y", &a], None);
    let page: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(page["items"][0]["target"]["source"], "urn:x:y");
    assert_eq!(page["items"][0]["target"]["selector"][1]["start"], 2);
}

#[test]
fn opensanctions_file_names_load_with_warnings() {
    let ftm = std::fs::read("tests/fixtures/dicts/opensanctions/entities.ftm.json").unwrap();
    let dict = tmp("entities.ftm.json", &ftm);
    let out = run(
        &["scan", "--replace-kb", "--dict", &dict, "-"],
        Some("Harakat al-Test al-Nujabi (Nujabi) said.".as_bytes()),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("entities.ftm.json:4: entity `NK-Pers8Bn3Vc6Xz1Qa4Ws7Ed`: field `properties.birthPlace`"), "{stderr}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["mentions"][1]["entity"], "NK-2PacmNpiLUmoz4XD2mSt7A");
    assert_eq!(v["mentions"][1]["rule"], "defined");
}

#[test]
fn kb_output_carries_the_as_of_date_of_meta_toml() {
    let meta =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/kb/meta.toml")).unwrap();
    let date = meta
        .lines()
        .find_map(|l| l.strip_prefix("as_of = \""))
        .and_then(|l| l.strip_suffix('"'))
        .expect("meta.toml names as_of");
    let out = run(&["kb", "--format", "json"], None);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["as_of"], date);
    assert!(v["entities"].as_array().unwrap().len() > 100);
    let text = String::from_utf8_lossy(&run(&["kb"], None).stdout).into_owned();
    assert!(text.contains(&format!("\nFacts as of {date}\n")), "{text}");
}

#[test]
fn scan_json_carries_the_entities_wikidata_ids() {
    // The QID as written in the KB source, read here independently of the crate.
    let core: toml::Value = toml::from_str(
        &std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/kb/core.toml"))
            .unwrap(),
    )
    .unwrap();
    let hamas = core["entity"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"].as_str() == Some("hamas"))
        .unwrap();
    let qid = hamas["wikidata"]
        .as_str()
        .expect("hamas has a QID in core.toml");
    let out = run(
        &["scan", "--format", "json", "-"],
        Some(b"Hamas fired rockets."),
    );
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let doc = if v.is_array() { &v[0] } else { &v };
    let e = doc["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "hamas")
        .expect("hamas found");
    assert_eq!(e["wikidata"], qid);
}

#[test]
fn the_kb_json_output_loads_back_as_a_dictionary() {
    let out = run(&["kb", "--format", "json"], None);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let n = v["entities"].as_array().unwrap().len();
    let dict = tmp("kb-roundtrip.json", &out.stdout);
    let again = run(
        &["kb", "--replace-kb", "--dict", &dict, "--format", "json"],
        None,
    );
    assert!(
        again.status.success(),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    let w: serde_json::Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(w["entities"].as_array().unwrap().len(), n);
    assert_eq!(
        w["entities"], v["entities"],
        "roles, status and identifiers survive"
    );
}

#[test]
fn article_streams_keep_ids_and_order_and_report_bad_lines_by_number() {
    // Articles as a data desk keeps them: JSON lines, one with a bad line, one not UTF-8, one blank.
    let seeds: Vec<String> = std::fs::read_dir("tests/fixtures")
        .unwrap()
        .filter_map(|e| {
            let p = e.unwrap().path();
            (p.extension()? == "txt").then(|| std::fs::read_to_string(p).unwrap())
        })
        .collect();
    assert!(seeds.len() >= 3);
    let mut input = Vec::new();
    let mut expected = Vec::new(); // (line, id or None for an error line)
    let mut line = 0;
    for (i, text) in seeds.iter().chain(seeds.iter()).enumerate() {
        line += 1;
        let id = format!("art-{i}");
        input.extend(
            serde_json::json!({"id": id, "text": text, "date": "2025-01-01"})
                .to_string()
                .bytes(),
        );
        input.push(b'\n');
        expected.push((line, Some((id, text.clone()))));
        if i == 1 {
            line += 1;
            input.extend(b"{\"id\": \"x\", \"body\": \"no text field\"}\n");
            expected.push((line, None));
            line += 1;
            input.extend(b"\n"); // blank: skipped, not an error
            line += 1;
            input.extend(b"{\"id\": \"y\", \"text\": \"caf\xe9\"}\n");
            expected.push((line, None));
        }
    }
    let file = tmp("articles.jsonl", &input);
    let out = run(&["scan", "--input", "jsonl", "--threads", "2", &file], None);
    assert_eq!(out.status.code(), Some(1), "bad lines make the exit code 1");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("articles.jsonl:3: field `text`"),
        "{stderr}"
    );
    assert!(stderr.contains("articles.jsonl:5: not UTF-8"), "{stderr}");
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), expected.len());
    for (got, (line, want)) in lines.iter().zip(&expected) {
        match want {
            None => assert_eq!(got["line"], *line),
            Some((id, text)) => {
                assert_eq!(got["id"], id.as_str());
                // the same mentions as scanning the article on its own, as a file
                let alone = run(&["scan", "-"], Some(text.as_bytes()));
                let alone: serde_json::Value = serde_json::from_slice(&alone.stdout).unwrap();
                assert_eq!(got["mentions"], alone["mentions"]);
                assert!(!got["mentions"].as_array().unwrap().is_empty());
            }
        }
    }
    let refused = run(
        &["scan", "--input", "jsonl", "--format", "html", &file],
        None,
    );
    assert_eq!(refused.status.code(), Some(2));
}

#[test]
fn eval_scores_a_corpus_and_fails_below_the_thresholds() {
    let dir = std::env::temp_dir().join(format!("factionlens-eval-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("en")).unwrap();
    std::fs::write(dir.join("README.md"), "not corpus").unwrap();
    std::fs::write(
        dir.join("en/001-x.md"),
        "+++\nsource = \"https://example.invalid\"\noutlet = \"X\"\ndate = \"2024-01-01\"\nlang = \"en\"\nkind = \"wire\"\n+++\n\
         [[Kataib Hezbollah|kataib-hezbollah]] and [[Brigade Zed|brigade-zed]] met.\n",
    )
    .unwrap();
    let d = dir.to_string_lossy().into_owned();
    let out = run(&["eval", "--json", &d], None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["overall"]["gold"], 2);
    assert_eq!(v["overall"]["found"], 1);
    assert_eq!(v["scores"]["by_lang"]["en"]["recall"], 0.5);
    assert_eq!(v["misses"][0]["text"], "Brigade Zed");
    assert_eq!(v["misses"][0]["line"], 8);
    let out = run(&["eval", "--min-recall", "0.95", &d], None);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("below threshold: en: recall 0.500"), "{text}");
    std::fs::write(dir.join("en/002-bad.md"), "+++\nlang = \"en\"\n+++\n").unwrap();
    let out = run(&["eval", &d], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("002-bad.md:"));
}

#[test]
fn many_files_on_many_threads_keep_input_order_and_the_one_document_shape() {
    // The seed articles, each written twice under its own name, plus one unreadable file in the middle.
    let mut files = Vec::new();
    let mut texts = Vec::new();
    let mut seeds: Vec<_> = std::fs::read_dir("tests/fixtures")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    seeds.sort();
    assert!(seeds.len() >= 3);
    for round in 0..2 {
        for (i, p) in seeds.iter().enumerate() {
            let text = std::fs::read_to_string(p).unwrap();
            files.push(tmp(&format!("many-{round}-{i}.txt"), text.as_bytes()));
            texts.push(text);
        }
    }
    let missing = format!("{}-missing.txt", files[0]);
    let with = |threads: &str, format: &str, extra: Option<&str>| {
        let mut a = vec!["scan", "--threads", threads, "--format", format];
        a.extend(files.iter().map(String::as_str));
        a.extend(extra);
        run(&a, None)
    };
    let one = with("1", "json", Some(&missing));
    let three = with("3", "json", Some(&missing));
    assert_eq!(one.status.code(), Some(1), "the missing file fails the run");
    assert_eq!(
        one.stdout, three.stdout,
        "the same bytes on any thread count"
    );
    assert!(String::from_utf8_lossy(&three.stderr).contains("-missing.txt"));
    // One JSON array, printed as serde_json prints the whole array at once.
    let v: serde_json::Value = serde_json::from_slice(&three.stdout).unwrap();
    assert_eq!(
        String::from_utf8(three.stdout).unwrap(),
        serde_json::to_string_pretty(&v).unwrap() + "\n"
    );
    let docs = v.as_array().unwrap();
    assert_eq!(docs.len(), files.len());
    for (i, ((doc, file), text)) in docs.iter().zip(&files).zip(&texts).enumerate() {
        assert_eq!(doc["file"], file.as_str());
        if i >= seeds.len() {
            continue; // the second round repeats the texts of the first
        }
        // the same mentions as scanning the article alone, from standard input
        let alone = run(&["scan", "-"], Some(text.as_bytes()));
        let alone: serde_json::Value = serde_json::from_slice(&alone.stdout).unwrap();
        assert_eq!(doc["mentions"], alone["mentions"]);
    }
    // JSON lines and text: the same order, whatever the thread count.
    for format in ["jsonl", "text"] {
        let (a, b) = (with("1", format, None), with("4", format, None));
        assert!(a.status.success());
        assert_eq!(a.stdout, b.stdout, "{format}");
    }
    let lines = with("4", "jsonl", None).stdout;
    let order: Vec<String> = String::from_utf8(lines)
        .unwrap()
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["file"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(order, files);
    // One unreadable file alone: an empty array, as before.
    let lone = run(&["scan", "--format", "json", &missing], None);
    assert_eq!(lone.status.code(), Some(1));
    assert_eq!(lone.stdout, b"[]\n");
}
