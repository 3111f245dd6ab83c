-- Planwright plan file, schema 4: committee reports (cover reports that take
-- the plan to a committee), the authority's own report templates, and the
-- files attached to reports as appendices. Sections and appendices are JSON
-- checked whenever they are read: a plan from someone else may hold anything.

CREATE TABLE report_templates (
    key         TEXT PRIMARY KEY,
    definition  TEXT NOT NULL
);

CREATE TABLE reports (
    id                INTEGER PRIMARY KEY,
    position          INTEGER NOT NULL,
    template          TEXT NOT NULL,
    title             TEXT NOT NULL CHECK (length(trim(title)) > 0),
    committee         TEXT NOT NULL DEFAULT '',
    meeting_date      TEXT,
    report_of         TEXT NOT NULL DEFAULT '',
    author            TEXT NOT NULL DEFAULT '',
    contact           TEXT NOT NULL DEFAULT '',
    report_date       TEXT,
    status            TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'final')),
    exempt_paragraph  INTEGER CHECK (exempt_paragraph BETWEEN 1 AND 7),
    exempt_reason     TEXT,
    sections          TEXT NOT NULL DEFAULT '[]',
    appendices        TEXT NOT NULL DEFAULT '[]'
);

CREATE TABLE report_files (
    id    TEXT PRIMARY KEY,
    name  TEXT NOT NULL,
    mime  TEXT NOT NULL,
    data  BLOB NOT NULL
);
