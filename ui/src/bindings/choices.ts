// Generated from the Rust enums by src-tauri/src/bindings.rs. Do not edit.

import type { ActionStatus } from "./ActionStatus";
import type { Rag } from "./Rag";
import type { IndicatorKind } from "./IndicatorKind";
import type { Polarity } from "./Polarity";
import type { OrgKind } from "./OrgKind";
import type { Route } from "./Route";
import type { VersionStage } from "./VersionStage";

export const ACTION_STATUSES: readonly ActionStatus[] = ["not_started", "in_progress", "complete", "delayed", "cancelled"];
export const RAGS: readonly Rag[] = ["red", "amber", "green"];
export const INDICATOR_KINDS: readonly IndicatorKind[] = ["laa", "national", "local"];
export const POLARITIES: readonly Polarity[] = ["higher_is_better", "lower_is_better"];
export const ORG_KINDS: readonly OrgKind[] = ["local_authority", "district_council", "health", "police", "school", "voluntary", "government", "other"];
export const ROUTES: readonly Route[] = ["website", "libraries", "partners", "other"];

// Each stage a version is kept at, with its name in words.
export const VERSION_STAGES: readonly (readonly [VersionStage, string])[] = [
  ["consultation_draft", "Consultation draft"],
  ["second_draft", "Second draft"],
  ["approved", "Approved"],
  ["published", "Published"],
  ["annual_review", "Annual review"],
  ["draft", "Draft"],
];
