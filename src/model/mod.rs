//! Plain serde types for everything a plan holds. No I/O here.

mod string_enum;

pub mod approval;
pub mod block;
pub mod bundle;
pub mod consultation;
pub mod error;
pub mod numbering;
pub mod outline;
pub mod plan;
pub mod planning;
pub mod prosemirror;
pub mod report;
pub mod report_template;
pub mod values;
pub mod version;

pub use block::{
    Block, CalloutKind, DataQuery, Inline, ListItem, Marks, Table, TableCell, TableRow,
};
pub use bundle::Bundle;
pub use error::{BlockError, ValidationError};
pub use outline::{Chapter, OutlineChapter, OutlineSection, Section, StoredBlock};
pub use plan::{KeyDates, NumberingStyle, Period, PlanInfo, PlanStatus, DEFAULT_LANGUAGE};
pub use planning::{
    Action, ActionColumns, ActionFilter, ActionStatus, ActionView, ChartFilter, Framework,
    FrameworkItem, GlossaryTerm, GroupBy, Id, Indicator, IndicatorFilter, IndicatorKind, Note,
    OrgKind, Organisation, Person, Polarity, Priority, Rag, YearValue,
};
