//! The application API as the app and the CLI call it: each operation in
//! its own transaction, values read from the text a user typed, and one
//! classification of every error.

mod common;

use planwright::api::{
    self,
    actions::ActionField,
    find::FindQuery,
    indicators::{IndicatorFigure, NewIndicator},
    plan::NewPlan,
    ErrorCode, PlanFile,
};
use planwright::model::{ActionFilter, IndicatorKind, OrgKind, Polarity, Rag};
use planwright::templates::Template;
use serde_json::json;

fn plan() -> (tempfile::TempDir, PlanFile) {
    let dir = tempfile::tempdir().unwrap();
    let plan = api::plan::create(
        &dir.path().join("t.plan"),
        &NewPlan {
            template: Template::Cypp,
            title: Some("Children and Young People's Plan".into()),
            start_year: Some(2027),
            ..NewPlan::default()
        },
    )
    .unwrap();
    (dir, plan)
}

fn chapter_section(plan: &PlanFile, title: &str) -> i64 {
    api::outline::outline(plan)
        .unwrap()
        .into_iter()
        .find(|c| c.chapter.title == title)
        .unwrap()
        .sections[0]
        .section
        .id
}

#[test]
fn a_new_plan_has_the_template_chapters_each_ready_to_write_in() {
    let (_dir, plan) = plan();
    let s = api::plan::summary(&plan).unwrap();
    assert_eq!(s.info.title, "Children and Young People's Plan");
    assert_eq!((s.info.period.start, s.info.period.end), (2027, 2030));
    assert_eq!(s.chapters, 11);
    assert_eq!(s.sections, 11, "one section per chapter");
    assert_eq!(s.file_name, "t.plan");
}

#[test]
fn a_chapter_added_comes_with_one_empty_section() {
    let (_dir, mut plan) = plan();
    let id = api::outline::add_chapter(&mut plan, "Appendix", false, None).unwrap();
    let outline = api::outline::outline(&plan).unwrap();
    let added = outline.iter().find(|c| c.chapter.id == id).unwrap();
    assert_eq!(added.sections.len(), 1);
    assert_eq!(added.sections[0].section.title, None);
}

#[test]
fn a_chapter_with_content_is_deleted_only_when_confirmed() {
    let (_dir, mut plan) = plan();
    let section = chapter_section(&plan, "Summary");
    let doc = json!({"type": "doc", "content": [
        {"type": "paragraph", "content": [{"type": "text", "text": "Keep me."}]}
    ]});
    api::sections::save(&mut plan, section, &doc, None).unwrap();
    let chapter = api::sections::get(&plan, section).unwrap().section.chapter;
    let e = api::outline::delete_chapter(&mut plan, chapter, false).unwrap_err();
    assert_eq!(e.code(), ErrorCode::Refused);
    assert!(e.to_string().contains("has 1 blocks of content"), "{e}");
    assert_eq!(api::plan::summary(&plan).unwrap().chapters, 11);
    api::outline::delete_chapter(&mut plan, chapter, true).unwrap();
    assert_eq!(api::plan::summary(&plan).unwrap().chapters, 10);
}

#[test]
fn saved_section_comes_back_with_numbers_and_words() {
    let (_dir, mut plan) = plan();
    let section = chapter_section(&plan, "Summary");
    let doc = json!({"type": "doc", "content": [
        {"type": "heading", "attrs": {"level": 2}, "content": [{"type": "text", "text": "Our aims"}]},
        {"type": "paragraph", "attrs": {"numbered": true}, "content": [{"type": "text", "text": "Every child safe."}]},
        {"type": "paragraph", "attrs": {"numbered": true}, "content": [{"type": "text", "text": "Every child heard."}]}
    ]});
    let view = api::sections::save(&mut plan, section, &doc, None).unwrap();
    assert_eq!(
        view.labels,
        vec![None, Some("1.1".into()), Some("1.2".into())]
    );
    assert_eq!(view.words, 8);
    assert_eq!(api::sections::get(&plan, section).unwrap(), view);
}

#[test]
fn an_invalid_document_saves_nothing_and_says_where() {
    let (_dir, mut plan) = plan();
    let section = chapter_section(&plan, "Summary");
    let bad = json!({"type": "doc", "content": [
        {"type": "paragraph", "content": [{"type": "text", "text": "kept?"}]},
        {"type": "figure", "attrs": {"asset": "a.png"}}
    ]});
    let e = api::sections::save(&mut plan, section, &bad, None).unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidContent);
    assert_eq!(e.detail().as_deref(), Some("block 2"));
    assert!(e.to_string().contains("alt text"), "{e}");
    assert_eq!(api::sections::get(&plan, section).unwrap().words, 0);
}

#[test]
fn indicator_figures_are_set_cleared_and_rated() {
    let (_dir, mut plan) = plan();
    let new = NewIndicator {
        code: "NI 117".into(),
        title: "16-18 year olds NEET".into(),
        kind: IndicatorKind::Laa,
        polarity: Polarity::LowerIsBetter,
        unit: Some("%".into()),
        priority: None,
        baseline: Some("2027=6.1".into()),
        targets: vec![],
    };
    api::indicators::add(&mut plan, &new).unwrap();
    let mut set = |year, figure, text: &str| {
        api::indicators::set_figure(&mut plan, "NI 117", year, figure, text)
    };
    assert_eq!(
        set(2028, IndicatorFigure::Target, "5.5%").unwrap(),
        Some(5.5)
    );
    set(2028, IndicatorFigure::Actual, " 5.9 ").unwrap();
    let e = set(2029, IndicatorFigure::Actual, "about six").unwrap_err();
    assert_eq!(e.code(), ErrorCode::Invalid);
    assert_eq!(e.detail().as_deref(), Some("actual"));

    let rows = api::indicators::rows(&plan, &Default::default()).unwrap();
    let years: Vec<i32> = rows[0].years.iter().map(|y| y.year).collect();
    assert_eq!(years, vec![2027, 2028, 2029], "the plan's three years");
    let y2028 = &rows[0].years[1];
    assert_eq!((y2028.target, y2028.actual), (Some(5.5), Some(5.9)));
    assert_eq!(
        y2028.rag,
        Some(Rag::Amber),
        "5.9 against 5.5, lower is better"
    );
    assert_eq!(rows[0].years[2].actual, None, "the bad text saved nothing");

    assert_eq!(
        api::indicators::set_figure(&mut plan, "NI 117", 2028, IndicatorFigure::Actual, "")
            .unwrap(),
        None
    );
    let rows = api::indicators::rows(&plan, &Default::default()).unwrap();
    assert_eq!(
        (rows[0].years[1].target, rows[0].years[1].actual),
        (Some(5.5), None)
    );
}

#[test]
fn an_indicator_figure_badly_written_names_the_form_it_wants() {
    let (_dir, mut plan) = plan();
    let new = NewIndicator {
        code: "L20".into(),
        title: "Children's centres".into(),
        kind: IndicatorKind::Local,
        polarity: Polarity::HigherIsBetter,
        unit: None,
        priority: None,
        baseline: None,
        targets: vec!["2028:5".into()],
    };
    let e = api::indicators::add(&mut plan, &new).unwrap_err();
    assert_eq!(e.code(), ErrorCode::Invalid);
    assert_eq!(
        e.to_string(),
        "target: \"2028:5\" should be YEAR=VALUE, e.g. 2009=5.5"
    );
    assert!(api::indicators::list(&plan, &Default::default())
        .unwrap()
        .is_empty());
}

#[test]
fn a_name_the_plan_already_has_is_refused_and_nothing_changes() {
    let (_dir, mut plan) = plan();
    api::people::add_person(&mut plan, "Michelle Foulds", None, None).unwrap();
    let e = api::people::add_person(&mut plan, "michelle foulds", Some("Lead"), None).unwrap_err();
    assert_eq!(e.code(), ErrorCode::Refused);
    assert_eq!(
        e.to_string(),
        "the plan already has a person called \"michelle foulds\""
    );
    assert_eq!(api::people::people(&plan).unwrap().len(), 1);

    api::people::add_organisation(&mut plan, "Connexions", OrgKind::Other).unwrap();
    let e = api::people::add_organisation(&mut plan, "Connexions", OrgKind::Voluntary).unwrap_err();
    assert_eq!(e.code(), ErrorCode::Refused);
    let orgs = api::people::organisations(&plan).unwrap();
    assert_eq!(orgs.iter().filter(|o| o.name == "Connexions").count(), 1);
}

#[test]
fn action_fields_are_read_from_typed_text_and_bad_ones_save_nothing() {
    let (_dir, mut plan) = plan();
    let added = api::actions::add(
        &mut plan,
        &[(ActionField::Activity, "Publish a play strategy".into())],
    )
    .unwrap();
    let id = added.action.id;
    api::actions::set(&mut plan, id, ActionField::End, "31/08/2008").unwrap();
    api::actions::set(&mut plan, id, ActionField::Lead, "Michelle Foulds").unwrap();
    let view = api::actions::set(&mut plan, id, ActionField::Cost, "£1.5m").unwrap();
    assert_eq!(view.lead_person_name.as_deref(), Some("Michelle Foulds"));
    assert_eq!(view.action.cost_pence, Some(150_000_000));

    let e = api::actions::set(&mut plan, id, ActionField::Start, "31/02/2008").unwrap_err();
    assert_eq!(e.code(), ErrorCode::Invalid);
    assert_eq!(e.detail().as_deref(), Some("start"));
    let e = api::actions::set(&mut plan, id, ActionField::Start, "2008-09-01").unwrap_err();
    assert!(e.to_string().starts_with("end:"), "{e}");
    let e = api::actions::set(&mut plan, id, ActionField::Parent, "the first one").unwrap_err();
    assert_eq!(
        e.to_string(),
        "parent: \"the first one\" is not an action number"
    );

    let a = api::actions::list(&plan, &ActionFilter::default()).unwrap();
    assert_eq!(a.len(), 1);
    assert_eq!(a[0].action.start, None, "no bad value was saved");
    assert_eq!(
        a[0].action.end,
        chrono::NaiveDate::from_ymd_opt(2008, 8, 31)
    );
}

#[test]
fn several_fields_are_edited_all_or_none() {
    let (_dir, mut plan) = plan();
    let id = api::actions::add(
        &mut plan,
        &[
            (ActionField::Activity, "Open two children's centres".into()),
            (ActionField::Partners, "Sure Start; Connexions ;".into()),
            (ActionField::Status, "in progress".into()),
        ],
    )
    .unwrap()
    .action
    .id;
    let e = api::actions::edit(
        &mut plan,
        id,
        &[
            (ActionField::Notes, "Funded".into()),
            (ActionField::Rag, "purple".into()),
        ],
    )
    .unwrap_err();
    assert_eq!(e.detail().as_deref(), Some("rag"));
    let v = &api::actions::list(&plan, &ActionFilter::default()).unwrap()[0];
    assert_eq!(
        v.action.notes, None,
        "the good field of a refused edit is not saved"
    );
    assert_eq!(v.partner_names, ["Sure Start", "Connexions"]);
    assert_eq!(v.action.status.as_str(), "in_progress");
}

#[test]
fn an_action_needs_its_activity() {
    let (_dir, mut plan) = plan();
    let e = api::actions::add(&mut plan, &[(ActionField::Activity, "  ".into())]).unwrap_err();
    assert_eq!(e.code(), ErrorCode::Invalid);
    assert_eq!(e.detail().as_deref(), Some("activity"));
}

#[test]
fn actions_are_filtered_by_an_objective_code_the_plan_has() {
    let (_dir, path) = common::sample_plan();
    let plan = api::plan::open(&path).unwrap();
    let filter = |item: &str| ActionFilter {
        item: Some(item.into()),
        ..ActionFilter::default()
    };
    let two = api::actions::list(&plan, &filter("2")).unwrap();
    assert!(!two.is_empty());
    assert!(two
        .iter()
        .all(|v| v.objective_ref.as_ref().map(|(_, c)| c.as_str()) == Some("2")));
    let e = api::actions::list(&plan, &filter("99")).unwrap_err();
    assert_eq!(e.code(), ErrorCode::Invalid);
    assert!(
        e.to_string().starts_with("objective: \"99\" is not one of"),
        "{e}"
    );
}

#[test]
fn the_same_mistake_reads_the_same_from_the_cli() {
    let (dir, mut plan) = plan();
    let id = api::actions::add(&mut plan, &[(ActionField::Activity, "Consult".into())])
        .unwrap()
        .action
        .id;
    let from_api = api::actions::set(&mut plan, id, ActionField::Parent, "first")
        .unwrap_err()
        .to_string();
    drop(plan);
    let path = dir.path().join("t.plan");
    let run = common::planwright([
        "action",
        "edit",
        path.to_str().unwrap(),
        &id.to_string(),
        "--parent",
        "first",
    ]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stderr.trim(), format!("planwright: {from_api}"));
}

#[test]
fn find_lists_every_place_and_replace_all_changes_them_in_one_go() {
    let (_dir, path) = common::sample_plan();
    let mut plan = api::plan::open(&path).unwrap();
    let q = |text: &str| FindQuery {
        text: text.into(),
        match_case: true,
        whole_words: true,
    };
    let before = api::find::find(&plan, &q("Primary Care Trust")).unwrap();
    assert!(before.total > 0);
    assert_eq!(before.found.len(), before.total);
    assert!(before
        .found
        .iter()
        .all(|f| f.matched == "Primary Care Trust"));
    let words = api::plan::summary(&plan).unwrap().words;

    let done = api::find::replace_all(&mut plan, &q("Primary Care Trust"), "Integrated Care Board")
        .unwrap();
    assert_eq!(done.count, before.total);
    assert!(!done.sections.is_empty());
    assert_eq!(
        api::find::find(&plan, &q("Primary Care Trust"))
            .unwrap()
            .total,
        0
    );
    assert_eq!(
        api::find::find(&plan, &q("Integrated Care Board"))
            .unwrap()
            .total,
        before.total
    );
    assert_eq!(
        api::plan::summary(&plan).unwrap().words,
        words,
        "three words for three words, nothing else changed"
    );
}

#[test]
fn replacing_keeps_each_runs_marks() {
    let (_dir, mut plan) = plan();
    let section = chapter_section(&plan, "Summary");
    let doc = json!({"type": "doc", "content": [
        {"type": "paragraph", "content": [
            {"type": "text", "text": "Every child", "marks": [{"type": "bold"}]},
            {"type": "text", "text": " matters to every child's family."}
        ]}
    ]});
    api::sections::save(&mut plan, section, &doc, None).unwrap();
    let q = FindQuery {
        text: "child".into(),
        ..FindQuery::default()
    };
    let found = api::find::find(&plan, &q).unwrap();
    assert_eq!(found.total, 2);
    assert_eq!(found.found[0].place, "1 Summary");
    assert_eq!(found.found[1].before, " matters to every ");
    let done = api::find::replace_all(&mut plan, &q, "young person").unwrap();
    assert_eq!((done.count, done.sections.clone()), (2, vec![section]));
    let view = api::sections::get(&plan, section).unwrap();
    let runs = &view.doc["content"][0]["content"];
    assert_eq!(runs[0]["text"], "Every young person");
    assert_eq!(runs[0]["marks"][0]["type"], "bold");
    assert_eq!(runs[1]["text"], " matters to every young person's family.");
}

#[test]
fn nothing_to_find_is_refused_and_changes_nothing() {
    let (_dir, mut plan) = plan();
    let before = api::plan::summary(&plan).unwrap().modified;
    let e = api::find::replace_all(&mut plan, &FindQuery::default(), "x").unwrap_err();
    assert_eq!(e.code(), ErrorCode::Invalid);
    assert_eq!(e.detail().as_deref(), Some("find"));
    assert_eq!(api::plan::summary(&plan).unwrap().modified, before);
}

#[test]
fn the_plans_language_is_checked_and_every_export_declares_it() {
    let (dir, mut plan) = plan();
    let mut info = api::plan::summary(&plan).unwrap().info;
    assert_eq!(
        info.language, "en-GB",
        "British English unless said otherwise"
    );
    info.language = "English".into();
    let e = api::plan::set_info(&mut plan, &info).unwrap_err();
    assert_eq!(e.detail().as_deref(), Some("language"));
    info.language = "cy-GB".into();
    api::plan::set_info(&mut plan, &info).unwrap();
    let pdf = dir.path().join("cynllun.pdf");
    api::export::pdf(&plan, &Default::default(), &pdf, None).unwrap();
    let bytes = std::fs::read(&pdf).unwrap();
    let has = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    // The catalogue is in an object stream: read it back.
    let lo = lopdf::Document::load_mem(&bytes).unwrap();
    let lang = lo
        .catalog()
        .unwrap()
        .get(b"Lang")
        .unwrap()
        .as_str()
        .unwrap();
    assert_eq!(lang, b"cy-GB", "the catalogue's /Lang");
    assert!(has(b"<rdf:li>cy-GB</rdf:li>"), "the XMP dc:language");
}

#[test]
fn only_numbered_paragraphs_are_numbered_whatever_their_text_says() {
    let (_dir, mut plan) = plan();
    let section = chapter_section(&plan, "Summary");
    let doc = json!({"type": "doc", "content": [
        {"type": "paragraph", "content": [{"type": "text", "text": "The JSON says \"numbered\":true here."}]},
        {"type": "paragraph", "attrs": {"numbered": true}, "content": [{"type": "text", "text": "First."}]},
        {"type": "bulletList", "content": [{"type": "listItem", "content": [
            {"type": "paragraph", "attrs": {"numbered": true}, "content": [{"type": "text", "text": "In a list."}]}
        ]}]},
        {"type": "paragraph", "attrs": {"numbered": true}, "content": [{"type": "text", "text": "Second."}]}
    ]});
    let view = api::sections::save(&mut plan, section, &doc, None).unwrap();
    assert_eq!(
        view.labels,
        vec![None, Some("1.1".into()), None, Some("1.2".into())]
    );
}

#[test]
fn an_overlong_replacement_is_refused_and_changes_nothing() {
    let (_dir, path) = common::sample_plan();
    let mut plan = api::plan::open(&path).unwrap();
    let q = FindQuery {
        text: "Trust".into(),
        ..FindQuery::default()
    };
    let long = "x".repeat(api::find::MAX_QUERY_CHARS + 1);
    let e = api::find::replace_all(&mut plan, &q, &long).unwrap_err();
    assert_eq!(e.detail().as_deref(), Some("replace"));
    assert_eq!(api::find::find(&plan, &q).unwrap().total, 2);
}

#[test]
fn a_language_planted_in_the_file_cannot_break_the_pdfs_metadata() {
    let (dir, plan) = plan();
    let path = plan.path().to_path_buf();
    drop(plan);
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute("UPDATE plan SET language = 'en\"/><x:evil/><a b=\"'", [])
        .unwrap();
    let plan = api::plan::open_read_only(&path).unwrap();
    let pdf = dir.path().join("out.pdf");
    api::export::pdf(&plan, &Default::default(), &pdf, None).unwrap();
    let bytes = String::from_utf8_lossy(&std::fs::read(&pdf).unwrap()).into_owned();
    let start = bytes.find("<x:xmpmeta").expect("an XMP packet");
    let xmp = &bytes[start..start + bytes[start..].find("</x:xmpmeta>").unwrap()];
    assert!(
        !xmp.contains("<x:evil/>"),
        "the value is escaped in the XMP"
    );
    assert!(xmp.contains("&lt;x:evil/&gt;"), "{xmp}");
}
