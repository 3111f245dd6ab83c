//! Which of the UI's views of the open plan an operation makes stale. The
//! app's commands that change the plan return their value with this list,
//! declared here beside the operations, so the UI refreshes exactly those
//! views and never guesses what an edit touched.

use serde::Serialize;

/// A view of the open plan that the UI keeps and shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum View {
    /// Chapters and sections in the binder, with their word counts.
    Outline,
    /// The text of sections (an open editor reloads).
    Sections,
    Actions,
    Indicators,
    /// People and partner organisations.
    People,
    Glossary,
}

/// What an operation that changed the plan returns: its result, and the
/// views it made stale.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Changed<T> {
    pub value: T,
    pub stale: Vec<View>,
}

impl<T> Changed<T> {
    pub fn new(value: T, stale: &[View]) -> Self {
        Changed {
            value,
            stale: stale.to_vec(),
        }
    }
}

use View::*;

/// Properties or logo set: the command returns the plan's summary as it
/// now is, which is what the title bar and Properties show, so no view is
/// stale.
pub const PLAN_INFO: &[View] = &[];
/// A chapter or section added, renamed or moved.
pub const OUTLINE: &[View] = &[Outline];
/// A chapter or section deleted, and its text with it.
pub const OUTLINE_DELETE: &[View] = &[Outline, Sections];
/// A section saved: the binder's word counts follow.
pub const SECTION_SAVE: &[View] = &[Outline];
/// A replacement across the plan: every section's text may differ.
pub const REPLACE_ALL: &[View] = &[Outline, Sections];
/// An action added or deleted.
pub const ACTIONS: &[View] = &[Actions];
/// One field of an action set: the command returns the row as it now is
/// for the grid to patch, so no list is stale.
pub const ACTION_FIELD: &[View] = &[];
/// A figure set: the row's RAG ratings follow from it.
pub const INDICATORS: &[View] = &[Indicators];
/// A person added: the people list, and the names the actions grid resolves.
pub const PEOPLE: &[View] = &[People, Actions];
pub const GLOSSARY: &[View] = &[Glossary];
/// A document imported into the plan: new chapters, and the actions,
/// people and organisations of its action tables.
pub const IMPORT: &[View] = &[Outline, Actions, People];
/// A picture imported into the plan: nothing shown changes until it is placed.
pub const ASSET: &[View] = &[];
/// A committee report written or a template added: the command returns the
/// report as it now is, which only the Reports view shows, so no kept view
/// is stale.
pub const REPORTS: &[View] = &[];
/// A consultation response logged or its outcome set: only the
/// Consultation view shows responses, and it lists them again.
pub const RESPONSES: &[View] = &[];
