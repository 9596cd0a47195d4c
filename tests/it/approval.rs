//! Submission and approval (提出・承認・差戻し) over real HTTP on loopback, with the real binary
//! for `user add --approve`, `build` and `status`: the whole flow of a division's sheet, the
//! refusals on the way, the seals in the PDF's stamp boxes, and a change after approval.

use crate::common;

use common::{Pdf, copy_example_wards, files_under};
use mokuhyo::locale::Lang;
use mokuhyo::pdf::render::Resources;
use mokuhyo::serve::users::{Access, Approver, Users};
use mokuhyo::serve::{ServeOptions, Server, start};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

pub const PASSWORD: &str = "決裁のテスト用パスワード";
pub const WARD: &str = "minato-r6";
pub const DIVISION: &str = "地域振興課";

/// Both example wards, みなと区 with two stamp boxes (区長, 課長) and a deadline passed, and
/// the accounts: `chiiki` (地域振興課's staff), `kacho` (its 課長, 山田太郎, added with the
/// command), `somu-kacho` (総務課's 課長), `kucho` (the 区長, 佐藤花子), `kikaku` (every
/// division, no approval right).
pub fn setup(dir: &Path) -> PathBuf {
    copy_example_wards(dir);
    let ward = dir.join("sheets").join(WARD).join("ward.toml");
    let text = std::fs::read_to_string(&ward).unwrap().replace(
        "approval = [\"区長\", \"副区長\", \"課長\"]",
        "approval = [\"区長\", \"課長\"]\ndeadline = 2025-05-10",
    );
    std::fs::write(&ward, text).unwrap();
    let path = dir.join("users.toml");
    let mut users = Users::default();
    let own = |d: &str| Access::Divisions(vec![format!("{WARD}/{d}")]);
    users.add("chiiki", PASSWORD, own(DIVISION)).unwrap();
    users.add("somu-kacho", PASSWORD, own("総務課")).unwrap();
    users.add("kucho", PASSWORD, Access::All).unwrap();
    users.add("kikaku", PASSWORD, Access::All).unwrap();
    let approver = |title: &str, full_name: &str| Approver {
        approve: true,
        title: title.into(),
        full_name: full_name.into(),
    };
    (users.set_approver("somu-kacho", approver("課長", ""))).unwrap();
    (users.set_approver("kucho", approver("区長", "佐藤花子"))).unwrap();
    users.save(&path).unwrap();
    let added = user_add(
        dir,
        &[
            "kacho",
            "--division",
            DIVISION,
            "--approve",
            "--title",
            "課長",
            "--full-name",
            "山田太郎",
        ],
    );
    assert!(added.status.success(), "{added:?}");
    let listed = common::mokuhyo(&["user", "list", "--users", "users.toml"], dir);
    let listed = String::from_utf8_lossy(&listed.stdout).to_string();
    assert!(listed.contains("approves as 課長"), "{listed}");
    path
}

/// `mokuhyo user add --users users.toml --sheets sheets ARGS --password-stdin`.
fn user_add(dir: &Path, args: &[&str]) -> std::process::Output {
    use std::io::Write;
    let mut command = common::command();
    command
        .args(["user", "add", "--users", "users.toml", "--sheets", "sheets"])
        .args(args)
        .arg("--password-stdin")
        .current_dir(dir)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = command.spawn().unwrap();
    let mut stdin = child.stdin.take().unwrap();
    writeln!(stdin, "{PASSWORD}").unwrap();
    drop(stdin);
    child.wait_with_output().unwrap()
}

pub fn serve(dir: &Path, users: &Path) -> Server {
    let options = ServeOptions {
        sheets: dir.join("sheets"),
        out: dir.join("output"),
        listen: "127.0.0.1:0".parse().unwrap(),
        lang: Lang::Ja,
        users: Some(users.to_path_buf()),
        tls: None,
        hosts: Vec::new(),
        log: None,
        header_timeout: mokuhyo::serve::HEADER_TIMEOUT,
    };
    start(&options, &Resources::default()).unwrap()
}

fn percent(text: &str) -> String {
    text.bytes().map(|b| format!("%{b:02X}")).collect()
}

/// Requests as one account, with HTTP Basic.
struct As<'a> {
    server: &'a Server,
    name: &'a str,
}

impl As<'_> {
    fn url(&self, tail: &str) -> String {
        let division = percent(DIVISION);
        format!(
            "http://{}/api/wards/{WARD}/divisions/{division}{tail}",
            self.server.addr
        )
    }

    fn request(&self, method: &str, url: &str, body: Option<&Value>) -> (u16, Value) {
        use base64::Engine;
        let token =
            base64::engine::general_purpose::STANDARD.encode(format!("{}:{PASSWORD}", self.name));
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        let auth = format!("Basic {token}");
        let mut response = match method {
            "GET" => agent.get(url).header("Authorization", &auth).call(),
            _ => (agent.post(url).header("Authorization", &auth))
                .send_json(body.unwrap_or(&json!({}))),
        }
        .unwrap();
        let etag = response
            .headers()
            .get("etag")
            .map(|v| v.to_str().unwrap().to_string());
        let mut body = response.body_mut().read_json().unwrap_or(Value::Null);
        if let (Some(etag), Value::Object(map)) = (etag, &mut body) {
            map.insert("_etag".into(), etag.into());
        }
        (response.status().as_u16(), body)
    }

    /// Takes the step `action` (`submit`, `approve`, …) with `body`.
    fn step(&self, action: &str, body: Value) -> (u16, Value) {
        self.request("POST", &self.url(&format!("/{action}")), Some(&body))
    }

    fn approval(&self) -> Value {
        let (status, body) = self.request("GET", &self.url("/approval"), None);
        assert_eq!(status, 200, "{body}");
        body
    }

    /// Saves the division with its 部 changed to `department`.
    fn save(&self, department: &str) -> (u16, Value) {
        use base64::Engine;
        let (_, mut draft) = self.request("GET", &self.url(""), None);
        let etag = draft["_etag"].as_str().unwrap().to_string();
        let map = draft.as_object_mut().unwrap();
        map.remove("_etag");
        map.insert("department".into(), department.into());
        let token =
            base64::engine::general_purpose::STANDARD.encode(format!("{}:{PASSWORD}", self.name));
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        let mut response = agent
            .put(&self.url(""))
            .header("Authorization", &format!("Basic {token}"))
            .header("If-Match", &etag)
            .send_json(&draft)
            .unwrap();
        let body = response.body_mut().read_json().unwrap_or(Value::Null);
        (response.status().as_u16(), body)
    }
}

/// `mokuhyo build` of the ward into `out` (with `more` arguments): 地域振興課's PDF and its
/// text, white space taken out.
fn built_text(dir: &Path, out: &str, more: &[&str]) -> (PathBuf, String) {
    let sheets = format!("sheets/{WARD}");
    let mut args = vec!["build", "--sheets", &sheets, "--out", out];
    args.extend(more);
    let built = common::mokuhyo(&args, dir);
    assert!(built.status.success(), "{built:?}");
    let pdf = (files_under(&dir.join(out)).into_iter())
        .find(|p| p.to_string_lossy().contains(DIVISION))
        .unwrap();
    let text = Pdf::open(&pdf).page_texts().join("\n");
    (pdf, common::squash(&text))
}

/// The contents page of the volume built into `out`, white space taken out.
fn contents(dir: &Path, out: &str) -> String {
    let volume = (files_under(&dir.join(out)).into_iter())
        .find(|p| p.to_string_lossy().contains("組織目標管理シート"))
        .unwrap();
    common::squash(&Pdf::open(&volume).page_texts()[1])
}

/// Today as the seal prints it: R7.12.2.
fn today() -> String {
    mokuhyo::sheet::era::short_date(chrono::Local::now().date_naive()).unwrap()
}

#[test]
fn a_sheet_goes_through_submission_return_and_approval_and_prints_its_seals() {
    let dir = tempfile::tempdir().unwrap();
    let users = setup(dir.path());
    let server = serve(dir.path(), &users);
    let (chiiki, kacho, kucho) = (
        As {
            server: &server,
            name: "chiiki",
        },
        As {
            server: &server,
            name: "kacho",
        },
        As {
            server: &server,
            name: "kucho",
        },
    );
    let other_kacho = As {
        server: &server,
        name: "somu-kacho",
    };
    let kikaku = As {
        server: &server,
        name: "kikaku",
    };

    // 作成中: the division may submit; nothing to approve yet.
    let view = chiiki.approval();
    assert_eq!(view["status"]["stage"], "draft", "{view}");
    assert_eq!(view["may"]["submit"], true);
    let (status, body) = kacho.step("approve", json!({}));
    assert_eq!(status, 409, "{body}");
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .contains("提出されていません"),
        "{body}"
    );

    // Submitted: a save is refused with the reason; the 課長 approves next.
    let (status, body) = chiiki.step("submit", json!({}));
    assert_eq!(
        (status, &body["status"]["stage"]),
        (200, &json!("submitted")),
        "{body}"
    );
    assert_eq!(body["status"]["next"], "課長");
    let (status, body) = chiiki.save("みなと区役所");
    assert_eq!(status, 409, "{body}");
    assert!(
        body["message"].as_str().unwrap().contains("提出済み"),
        "{body}"
    );

    // The wrong approvers: no approval right, another division's 課長, the 区長 before the 課長.
    let (status, body) = kikaku.step("approve", json!({}));
    assert_eq!(status, 403, "{body}");
    assert!(
        body["message"].as_str().unwrap().contains("承認する権限"),
        "{body}"
    );
    let (status, body) = other_kacho.step("approve", json!({}));
    assert_eq!(status, 403, "{body}");
    assert!(
        body["message"].as_str().unwrap().contains(DIVISION),
        "{body}"
    );
    let (status, body) = kucho.step("approve", json!({}));
    assert_eq!(status, 409, "{body}");
    assert!(
        body["message"].as_str().unwrap().contains("「課長」"),
        "{body}"
    );

    // Returned with a comment (none is refused), seen by the division and on the board.
    let (status, _) = kacho.step("return", json!({ "comment": "  " }));
    assert_eq!(status, 422);
    let comment = "指標の目標値を見直してください";
    let (status, body) = kacho.step("return", json!({ "comment": comment }));
    assert_eq!(status, 200, "{body}");
    let view = chiiki.approval();
    assert_eq!(view["status"]["stage"], "returned");
    assert_eq!(view["status"]["comment"], comment);
    assert_eq!(view["status"]["by"], "山田太郎");
    let steps: Vec<&str> = (view["events"].as_array().unwrap().iter())
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(steps, ["submit", "return"]);
    assert_eq!(view["events"][1]["comment"], comment);
    assert!(view["events"][0]["etag"].as_str().unwrap().starts_with('"'));
    let (_, board) = chiiki.request(
        "GET",
        &format!("http://{}/api/wards/{WARD}/status", server.addr),
        None,
    );
    let row = (board["divisions"].as_array().unwrap().iter())
        .find(|d| d["name"] == DIVISION)
        .unwrap();
    assert_eq!(
        (&row["stage"], &row["comment"]),
        (&json!("returned"), &json!(comment))
    );
    // Past the deadline and not submitted: overdue.
    assert_eq!(row["overdue"], true, "{board}");

    // Changed and submitted again; withdrawn and submitted once more before anyone approves.
    let (status, body) = chiiki.save("みなと区役所");
    assert_eq!(status, 200, "{body}");
    assert_eq!(chiiki.step("submit", json!({})).0, 200);
    assert_eq!(chiiki.step("withdraw", json!({})).0, 200);
    assert_eq!(chiiki.step("submit", json!({})).0, 200);
    let (out, before) = built_text(dir.path(), "before", &[]);
    assert!(
        before.contains('案') && !before.contains("山田太郎"),
        "{before}"
    );
    drop(out);

    // The 課長, then the 区長: approved. Withdrawing after an approval is refused.
    let (status, body) = kacho.step("approve", json!({}));
    assert_eq!(
        (status, &body["status"]["next"]),
        (200, &json!("区長")),
        "{body}"
    );
    let (status, body) = chiiki.step("withdraw", json!({}));
    assert_eq!(status, 409, "{body}");
    let (status, body) = kucho.step("approve", json!({}));
    assert_eq!(
        (status, &body["status"]["stage"]),
        (200, &json!("approved")),
        "{body}"
    );
    let (_, board) = kikaku.request(
        "GET",
        &format!("http://{}/api/wards/{WARD}/status", server.addr),
        None,
    );
    assert_eq!(board["counts"]["approved"], 1, "{board}");
    let (_, wards) = kikaku.request("GET", &format!("http://{}/api/wards", server.addr), None);
    let listed = (wards.as_array().unwrap().iter())
        .flat_map(|w| w["divisions"].as_array().unwrap())
        .find(|d| d["name"] == DIVISION)
        .unwrap()
        .clone();
    assert_eq!(listed["approval"]["stage"], "approved", "{listed}");

    // The PDF: both seals with their names and today's date, no 案.
    let (pdf, after) = built_text(dir.path(), "after", &[]);
    for name in ["山田太郎", "佐藤花子"] {
        assert!(after.contains(name), "{name} not in {after}");
    }
    assert_eq!(after.matches(&today()).count(), 2, "{after}");
    assert!(!after.contains('案'), "{after}");
    let listed = contents(dir.path(), "after");
    assert!(
        listed.contains("決裁の状況") && listed.contains("地域振興課承認済"),
        "{listed}"
    );
    assert!(listed.contains("総務課作成中"), "{listed}");
    // A ward that stamps on paper: empty boxes.
    let ward = dir.path().join("sheets").join(WARD).join("ward.toml");
    let settings = std::fs::read_to_string(&ward).unwrap();
    std::fs::write(&ward, format!("{settings}stamps = \"paper\"\n")).unwrap();
    let (_, paper) = built_text(dir.path(), "paper", &[]);
    assert!(
        !paper.contains("山田太郎") && !paper.contains("佐藤花子"),
        "{paper}"
    );
    std::fs::write(&ward, settings).unwrap();
    let png = dir.path().join("approved");
    let rendered = std::process::Command::new("pdftoppm")
        .args(["-r", "80", "-png", "-singlefile"])
        .arg(&pdf)
        .arg(&png)
        .status();
    if rendered.is_ok_and(|s| s.success()) {
        let shots = common::repo().join("target/screenshots");
        std::fs::create_dir_all(&shots).unwrap();
        std::fs::copy(png.with_extension("png"), shots.join("approved-sheet.png")).unwrap();
    }

    // `mokuhyo status`: the board on the terminal, exit 0.
    let status = common::mokuhyo_in("ja_JP.UTF-8", &["status", "--sheets", "sheets"], dir.path());
    let printed = String::from_utf8_lossy(&status.stdout).to_string();
    assert!(status.status.success(), "{status:?}");
    assert!(
        printed.contains("みなと区") && printed.contains("承認済") && printed.contains("佐藤花子"),
        "{printed}"
    );
    assert!(printed.contains("提出期限：2025-05-10"), "{printed}");

    // Changed after approval (an editor): needs approval again, and prints no seal.
    let file = (files_under(&dir.path().join("sheets").join(WARD)).into_iter())
        .find(|p| p.to_string_lossy().contains(DIVISION))
        .unwrap();
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, format!("{text}\n# 承認の後に書き足した行\n")).unwrap();
    let view = chiiki.approval();
    assert_eq!(
        (&view["status"]["stage"], &view["status"]["changed"]),
        (&json!("approved"), &json!(true)),
        "{view}"
    );
    assert_eq!(view["may"]["submit"], true);
    let (_, changed) = built_text(dir.path(), "changed", &[]);
    assert!(
        changed.contains('案') && !changed.contains("山田太郎"),
        "{changed}"
    );
    assert!(contents(dir.path(), "changed").contains("承認後に変更"));
    let (_, unmarked) = built_text(dir.path(), "unmarked", &["--no-draft-mark"]);
    assert!(!unmarked.contains('案'), "{unmarked}");
    let status = common::mokuhyo_in("ja_JP.UTF-8", &["status", "--sheets", "sheets"], dir.path());
    assert!(String::from_utf8_lossy(&status.stdout).contains("承認後に変更"));
}

#[test]
fn the_plan_and_the_evaluation_go_through_approval_each_on_their_own() {
    let dir = tempfile::tempdir().unwrap();
    let users = setup(dir.path());
    let server = serve(dir.path(), &users);
    let chiiki = As {
        server: &server,
        name: "chiiki",
    };
    // みなと区 is evaluated: its evaluation is submitted.
    let (status, body) = chiiki.step("submit", json!({}));
    assert_eq!(
        (status, &body["edition"]),
        (200, &json!("evaluation")),
        "{body}"
    );
    // Without 評価日 the April plan is under way, and it has not been submitted.
    let ward = dir.path().join("sheets").join(WARD).join("ward.toml");
    let settings = std::fs::read_to_string(&ward).unwrap();
    let plan: String = (settings.lines())
        .filter(|l| !l.starts_with("evaluated"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&ward, plan).unwrap();
    let view = chiiki.approval();
    assert_eq!(
        (&view["edition"], &view["status"]["stage"]),
        (&json!("plan"), &json!("draft")),
        "{view}"
    );
    std::fs::write(&ward, settings).unwrap();
    assert_eq!(chiiki.approval()["status"]["stage"], "submitted");
}

/// A seal's name and a state are data: Typst markup in them prints as itself.
#[test]
fn markup_in_an_approvers_name_prints_as_itself() {
    use mokuhyo::pdf::data::{Edition, SheetData};
    use mokuhyo::sheet::approval::{Stage, Stamp, Status};
    let (ward, _) = mokuhyo::sheet::model::load_ward(&common::repo().join("sheets").join(WARD));
    let ward = ward.unwrap();
    let name = "#panic(\"x\") $y$ *b*";
    let stamp = |step: &str| Stamp {
        step: step.into(),
        who: "x".into(),
        name: name.into(),
        at: "2025-05-07T10:00:00+09:00".into(),
    };
    let status = Status {
        stage: Stage::Approved,
        stamps: ["課長", "副区長", "区長"].map(stamp).to_vec(),
        next: None,
        by: String::new(),
        at: String::new(),
        etag: String::new(),
        comment: String::new(),
        changed: false,
    };
    let edition = Edition {
        approvals: Some(vec![(DIVISION.into(), status)]),
        ..Edition::of(&ward).unwrap()
    };
    let division = ward.divisions.iter().find(|d| d.name == DIVISION).unwrap();
    let data = SheetData::new(&edition, &ward, division);
    let (document, _) = common::renderer()
        .compile("sheet.typ", &data, ward.created)
        .unwrap();
    let placed = common::placed_text(&document);
    let seals = placed.iter().filter(|p| p.text == name).count();
    assert_eq!(
        seals,
        3,
        "{:?}",
        placed.iter().map(|p| &p.text).collect::<Vec<_>>()
    );
    assert!(placed.iter().any(|p| p.text == "R7.5.7"));
}

/// A return stands in for an approval: once every box has approved, nobody returns the sheet
/// (409), and approving it again says it is approved. A return's reason has a limit, and the
/// steps without a body read the `{}` a client sends, so no connection is reset.
#[test]
fn a_complete_approval_stands_and_a_returns_reason_has_a_limit() {
    let dir = tempfile::tempdir().unwrap();
    let users = setup(dir.path());
    let server = serve(dir.path(), &users);
    let who = |name| As {
        server: &server,
        name,
    };
    let (chiiki, kacho, kucho) = (who("chiiki"), who("kacho"), who("kucho"));
    for _ in 0..15 {
        assert_eq!(chiiki.step("submit", json!({})).0, 200);
        assert_eq!(chiiki.step("withdraw", json!({})).0, 200);
    }
    assert_eq!(chiiki.step("submit", json!({})).0, 200);

    let (status, body) = kacho.step("return", json!({ "comment": "長".repeat(1001) }));
    assert_eq!(status, 422, "{body}");
    let message = body["message"].as_str().unwrap();
    assert!(message.contains("1000字以内"), "{message}");
    assert_eq!(chiiki.approval()["status"]["stage"], "submitted");

    // Halfway the 区長 may still return it instead of approving.
    assert_eq!(kacho.step("approve", json!({})).0, 200);
    assert_eq!(kucho.approval()["may"]["return"], true);
    assert_eq!(kucho.step("approve", json!({})).0, 200);

    let (status, body) = kacho.step("return", json!({ "comment": "やはり見直してください" }));
    assert_eq!(status, 409, "{body}");
    assert!(
        body["message"].as_str().unwrap().contains("差し戻せません"),
        "{body}"
    );
    let view = kacho.approval();
    assert_eq!(view["status"]["stage"], "approved", "{view}");
    assert_eq!(view["status"]["stamps"].as_array().unwrap().len(), 2);
    assert_eq!(view["may"]["return"], false);
    let (status, body) = kucho.step("approve", json!({}));
    assert_eq!(status, 409, "{body}");
    assert!(
        body["message"].as_str().unwrap().contains("承認済み"),
        "{body}"
    );
}

/// The board lists a division whose file has errors, in its recorded state; a deadline before
/// the evaluation's start (評価日) is the April plan's and does not count for the evaluation;
/// `mokuhyo status` prints a return's reason of several lines line by line.
#[test]
fn the_board_lists_every_division_with_the_editions_deadline_and_readable_reasons() {
    let dir = tempfile::tempdir().unwrap();
    let users = setup(dir.path());
    let server = serve(dir.path(), &users);
    let (chiiki, kacho) = (
        As {
            server: &server,
            name: "chiiki",
        },
        As {
            server: &server,
            name: "kacho",
        },
    );
    assert_eq!(chiiki.step("submit", json!({})).0, 200);
    let reason = "一行目の理由です\n二行目の理由です";
    assert_eq!(kacho.step("return", json!({ "comment": reason })).0, 200);
    let status = common::mokuhyo_in("ja_JP.UTF-8", &["status", "--sheets", "sheets"], dir.path());
    let printed = String::from_utf8_lossy(&status.stdout).to_string();
    assert!(!printed.contains("U+000A"), "{printed}");
    assert!(
        (printed.lines()).any(|l| l.starts_with("  ") && l.trim() == "二行目の理由です"),
        "{printed}"
    );

    // The April deadline, before 評価日 (2025-04-30): nothing is overdue in the evaluation.
    let ward = dir.path().join("sheets").join(WARD);
    let settings = std::fs::read_to_string(ward.join("ward.toml")).unwrap();
    let april = settings.replace("deadline = 2025-05-10", "deadline = 2025-04-20");
    std::fs::write(ward.join("ward.toml"), april).unwrap();
    // 総務課's file breaks.
    let broken = ward.join("01_総務課.toml");
    let text = std::fs::read_to_string(&broken).unwrap();
    std::fs::write(&broken, format!("{text}\n[[[ 壊れた行\n")).unwrap();

    let url = format!("http://{}/api/wards/{WARD}/status", server.addr);
    let (code, board) = chiiki.request("GET", &url, None);
    assert_eq!(code, 200, "{board}");
    let rows = board["divisions"].as_array().unwrap();
    assert_eq!(rows.len(), 3, "{board}");
    let row = (rows.iter())
        .find(|d| d["file"] == "01_総務課.toml")
        .unwrap();
    assert_eq!(
        (&row["errors"], &row["stage"]),
        (&json!(true), &json!("draft"))
    );
    let counts = &board["counts"];
    let total: u64 = ["draft", "submitted", "returned", "approved"]
        .iter()
        .map(|k| counts[k].as_u64().unwrap())
        .sum();
    assert_eq!(total, 3, "{board}");
    assert_eq!(counts["overdue"], 0, "{board}");
    assert!(board["deadline"].is_null(), "{board}");
    let status = common::mokuhyo_in("ja_JP.UTF-8", &["status", "--sheets", "sheets"], dir.path());
    let printed = String::from_utf8_lossy(&status.stdout).to_string();
    assert!(status.status.success(), "{status:?}");
    assert!(printed.contains("エラーあり"), "{printed}");
    assert!(
        !printed.contains("期限超過】") && !printed.contains("提出期限"),
        "{printed}"
    );
}

/// `user add --title` takes a stamp box some ward has, naming the boxes when none has it (and
/// warning when no ward can be read); a full name too long for a seal is refused.
#[test]
fn user_add_refuses_a_title_no_ward_has_and_a_full_name_too_long_for_a_seal() {
    let dir = tempfile::tempdir().unwrap();
    setup(dir.path());
    let japanese = |args: &[&str]| {
        let mut all = vec!["user", "add", "--users", "users.toml", "--sheets", "sheets"];
        all.extend(args);
        all.push("--password-stdin");
        let out = common::mokuhyo_in("ja_JP.UTF-8", &all, dir.path());
        assert!(!out.status.success(), "{out:?}");
        String::from_utf8_lossy(&out.stderr).to_string()
    };
    let said = japanese(&["bucho", "--all", "--approve", "--title", "部長"]);
    assert!(
        said.contains("「部長」の印の欄はありません")
            && said.contains("「区長」")
            && said.contains("「課長」"),
        "{said}"
    );
    let long = "山".repeat(45);
    let args = [
        "kacho2",
        "--division",
        DIVISION,
        "--approve",
        "--title",
        "課長",
    ];
    let said = japanese(&[&args[..], &["--full-name", &long]].concat());
    assert!(said.contains("16字以内"), "{said}");
    let listed = common::mokuhyo(&["user", "list", "--users", "users.toml"], dir.path());
    let listed = String::from_utf8_lossy(&listed.stdout).to_string();
    assert!(
        !listed.contains("bucho") && !listed.contains("kacho2"),
        "{listed}"
    );

    // No ward to read: added, with a warning that the title was not checked.
    std::fs::rename(dir.path().join("sheets"), dir.path().join("away")).unwrap();
    std::fs::create_dir(dir.path().join("sheets")).unwrap();
    let added = user_add(
        dir.path(),
        &["bucho", "--all", "--approve", "--title", "部長"],
    );
    assert!(added.status.success(), "{added:?}");
    let warned = String::from_utf8_lossy(&added.stderr);
    assert!(warned.contains("not checked"), "{warned}");
}

/// The record deleted while serving: the next step makes a new one, and the serve log says so
/// (every earlier step is gone with the file).
#[test]
fn a_record_made_anew_is_told_in_the_serve_log() {
    let dir = tempfile::tempdir().unwrap();
    let users = setup(dir.path());
    let server = serve(dir.path(), &users);
    let chiiki = As {
        server: &server,
        name: "chiiki",
    };
    let sheets = dir.path().join("sheets");
    let record = sheets.join(WARD).join(".mokuhyo-approvals.sqlite");
    assert_eq!(chiiki.step("submit", json!({})).0, 200);
    assert_eq!(chiiki.step("withdraw", json!({})).0, 200);
    let log_file = sheets.join(mokuhyo::serve::log::FILE);
    let made = "がなかったため、新しく作りました";
    let count = || {
        std::fs::read_to_string(&log_file)
            .unwrap()
            .matches(made)
            .count()
    };
    assert_eq!(count(), 1, "the first submission makes it");
    for tail in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{tail}", record.display()));
    }
    assert_eq!(chiiki.step("submit", json!({})).0, 200);
    let log = std::fs::read_to_string(&log_file).unwrap();
    assert_eq!(count(), 2, "{log}");
    assert!(log.contains(".mokuhyo-approvals.sqlite"), "{log}");
}
