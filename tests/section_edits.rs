//! Saving a section as the app does: a save over someone else's newer
//! version is refused and recovered without loss, and one unreadable block
//! neither hides the plan nor is lost.

mod common;

use common::sample_plan;
use planwright::api::ErrorCode;
use planwright::api::{self, sections::SectionView};
use planwright::model::Id;
use planwright::store::{outline, PlanFile};
use serde_json::{json, Value};

fn first_section(plan: &PlanFile) -> Id {
    plan.read(|c| Ok(outline::outline(c)?[0].sections[0].section.id))
        .unwrap()
}

fn view(plan: &PlanFile, id: Id) -> SectionView {
    api::sections::get(plan, id).unwrap()
}

fn with_paragraph(doc: &Value, text: &str) -> Value {
    let mut doc = doc.clone();
    doc["content"]
        .as_array_mut()
        .unwrap()
        .push(json!({"type": "paragraph", "content": [{"type": "text", "text": text}]}));
    doc
}

#[test]
fn a_save_over_a_newer_version_is_refused_and_recovery_keeps_both() {
    let (_dir, path) = sample_plan();
    let mut app = PlanFile::open(&path).unwrap();
    let mut other = PlanFile::open(&path).unwrap();
    let id = first_section(&app);
    let opened = view(&app, id);

    // Another window saves first, from the same starting point.
    let theirs = with_paragraph(&opened.doc, "Saved in the other window.");
    let saved = api::sections::save(&mut other, id, &theirs, Some(&opened.version)).unwrap();
    assert_ne!(saved.version, opened.version, "a save makes a new version");

    let mine = with_paragraph(&opened.doc, "Typed in this window.");
    let e = api::sections::save(&mut app, id, &mine, Some(&opened.version)).unwrap_err();
    assert_eq!(e.code(), ErrorCode::Conflict, "{e}");
    assert!(
        e.to_string()
            .contains("was changed in another window or program after you opened it"),
        "{e}"
    );
    let now = view(&app, id);
    assert_eq!(now.version, saved.version, "the refused save wrote nothing");

    let recovered = api::sections::recover(&mut app, id, &mine).unwrap();
    let text = recovered.doc.to_string();
    assert!(text.contains("Saved in the other window."));
    assert!(text.contains("Typed in this window."));
    let last = recovered.doc["content"].as_array().unwrap().last().unwrap();
    assert_eq!(
        last["type"], "callout",
        "the edit is kept in a box at the end"
    );
    // And the recovered section saves on from its new version.
    let again = with_paragraph(&recovered.doc, "Merged by hand.");
    api::sections::save(&mut app, id, &again, Some(&recovered.version)).unwrap();
}

#[test]
fn a_save_from_the_current_version_goes_through() {
    let (_dir, path) = sample_plan();
    let mut plan = PlanFile::open(&path).unwrap();
    let id = first_section(&plan);
    let v = view(&plan, id);
    assert_eq!(
        v.version,
        view(&plan, id).version,
        "reading changes nothing"
    );
    let doc = with_paragraph(&v.doc, "One more line.");
    let saved = api::sections::save(&mut plan, id, &doc, Some(&v.version)).unwrap();
    assert!(saved.doc.to_string().contains("One more line."));
}

#[test]
fn recovery_keeps_tables_figures_and_headings_as_text() {
    let (_dir, path) = sample_plan();
    let mut plan = PlanFile::open(&path).unwrap();
    let id = first_section(&plan);
    let cell = |t: &str| json!({"type": "tableCell", "content": [{"type": "paragraph", "content": [{"type": "text", "text": t}]}]});
    let mine = json!({"type": "doc", "content": [
        {"type": "heading", "attrs": {"level": 2}, "content": [{"type": "text", "text": "My heading"}]},
        {"type": "table", "content": [{"type": "tableRow", "content": [cell("Lead"), cell("Michelle Foulds")]}]},
        {"type": "pageBreak"}
    ]});
    let out = api::sections::recover(&mut plan, id, &mine)
        .unwrap()
        .doc
        .to_string();
    assert!(out.contains("My heading"), "{out}");
    assert!(out.contains("Lead | Michelle Foulds"), "{out}");
}

#[test]
fn one_unreadable_block_leaves_the_plan_open_and_its_text_kept() {
    let (_dir, path) = sample_plan();
    let id = {
        let plan = PlanFile::open(&path).unwrap();
        first_section(&plan)
    };
    let bad = r#"{"type":"paragraph","content":[{"type":"sparkle","text":"Kept words"}]}"#;
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute(
            "UPDATE blocks SET json = ?1 WHERE id = (SELECT min(id) FROM blocks WHERE section_id = ?2)",
            rusqlite::params![bad, id],
        )
        .unwrap();

    let plan = PlanFile::open(&path).unwrap();
    api::plan::summary(&plan).expect("the plan's summary still reads");
    plan.read(outline::outline)
        .expect("the outline still reads");
    let v = view(&plan, id);
    let first = v.doc["content"][0].to_string();
    assert!(first.contains("could not be read"), "{first}");
    assert!(
        first.contains("Kept words"),
        "the stored text is shown: {first}"
    );
}
