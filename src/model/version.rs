//! Versions of a plan: immutable snapshots of all of it (text and data) at
//! the stages a plan goes through, from the consultation draft to its
//! annual review.

use serde::{Deserialize, Serialize};

use super::string_enum::string_enum;

string_enum! {
    /// The stages at which a plan is kept as it is.
    VersionStage {
        /// The first draft, sent out for consultation.
        ConsultationDraft = "consultation_draft",
        SecondDraft = "second_draft",
        /// Approved by its committee: frozen, as the signed-off PDF shows it.
        Approved = "approved",
        Published = "published",
        AnnualReview = "annual_review",
        /// Any other moment worth keeping.
        Draft = "draft",
    }
}

impl VersionStage {
    /// In words, for lists and documents: "Consultation draft".
    pub fn label(self) -> &'static str {
        match self {
            VersionStage::ConsultationDraft => "Consultation draft",
            VersionStage::SecondDraft => "Second draft",
            VersionStage::Approved => "Approved",
            VersionStage::Published => "Published",
            VersionStage::AnnualReview => "Annual review",
            VersionStage::Draft => "Draft",
        }
    }
}

/// A version as lists show it (its content is read only when asked for).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Version {
    pub id: super::Id,
    pub stage: VersionStage,
    /// "First draft for consultation, March 2008".
    pub name: String,
    /// When it was taken, RFC 3339.
    pub created: String,
    /// The SHA-256 of its content (the plan as a bundle, canonical JSON),
    /// in hex: the fingerprint a signed-off PDF carries.
    pub sha256: String,
    /// The size of its content, in bytes.
    pub size: u64,
}
