//! Errors of the model layer: content that does not fit the schema, and
//! field values that break the plan's rules.

use thiserror::Error;

/// A section document that does not fit the closed block schema.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{at}: {problem}")]
pub struct BlockError {
    /// Where in the document: "block 3, item 2, inline 1".
    pub at: String,
    pub problem: String,
}

impl BlockError {
    pub fn new(at: &str, problem: impl Into<String>) -> Self {
        BlockError {
            at: at.to_owned(),
            problem: problem.into(),
        }
    }

    /// The same error placed inside a larger context ("chapter 2, section 1").
    pub fn within(self, outer: &str) -> Self {
        BlockError {
            at: format!("{outer}, {}", self.at),
            problem: self.problem,
        }
    }
}

/// A field value the plan cannot hold, named by field.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{field}: {problem}")]
pub struct ValidationError {
    /// The field as a user knows it: "title", "end", "objective".
    pub field: String,
    pub problem: String,
}

impl ValidationError {
    pub fn new(field: &str, problem: impl Into<String>) -> Self {
        ValidationError {
            field: field.to_owned(),
            problem: problem.into(),
        }
    }
}
