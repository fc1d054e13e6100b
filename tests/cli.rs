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
    assert_eq!(v.as_array().unwrap().len(), 1);
    assert_eq!(v[0]["id"], "liwa-test");
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

    // The built-in KB: as many spellings as `kb` reports.
    let out = run(&["patterns"], None);
    let count = String::from_utf8_lossy(&out.stdout).lines().count();
    let kb = String::from_utf8_lossy(&run(&["kb"], None).stdout).into_owned();
    assert!(
        kb.lines()
            .next()
            .unwrap()
            .ends_with(&format!(", {count} spellings in the automaton")),
        "{kb}"
    );
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
