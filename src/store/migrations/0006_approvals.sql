-- Planwright plan file, schema 6: approvals (a committee's decision on a
-- version kept at the approved stage) and the sign-off PDFs written of
-- them, by their SHA-256, so a PDF can be checked against the plan.

CREATE TABLE approvals (
    id               INTEGER PRIMARY KEY,
    version_id       INTEGER NOT NULL REFERENCES versions (id),
    committee        TEXT NOT NULL CHECK (length(trim(committee)) > 0),
    meeting_date     TEXT NOT NULL,
    resolution       TEXT NOT NULL CHECK (length(trim(resolution)) > 0),
    approver         TEXT NOT NULL CHECK (length(trim(approver)) > 0),
    -- Why it was approved with the readiness checklist not met, if it was.
    override_reason  TEXT,
    recorded         TEXT NOT NULL
);

CREATE TABLE signoffs (
    id           INTEGER PRIMARY KEY,
    approval_id  INTEGER NOT NULL REFERENCES approvals (id),
    pdf_sha256   TEXT NOT NULL CHECK (length(pdf_sha256) = 64),
    written      TEXT NOT NULL
);
