//! The plan's structure: chapters, their sections, and the blocks in them.

use serde::{Deserialize, Serialize};

use super::block::Block;
use super::planning::Id;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Chapter {
    pub id: Id,
    pub title: String,
    /// Front matter such as a Welcome is unnumbered.
    pub numbered: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Section {
    pub id: Id,
    pub chapter: Id,
    /// A chapter's opening section usually has no title.
    pub title: Option<String>,
}

/// A block with its row id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredBlock {
    pub id: Id,
    pub section: Id,
    pub block: Block,
}

/// One line of the outline: a chapter with its computed number and sizes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OutlineChapter {
    pub chapter: Chapter,
    /// 1, 2, … counting numbered chapters only.
    pub number: Option<u32>,
    pub sections: Vec<OutlineSection>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OutlineSection {
    pub section: Section,
    pub blocks: usize,
    pub words: usize,
}

impl OutlineChapter {
    pub fn blocks(&self) -> usize {
        self.sections.iter().map(|s| s.blocks).sum()
    }

    pub fn words(&self) -> usize {
        self.sections.iter().map(|s| s.words).sum()
    }
}
