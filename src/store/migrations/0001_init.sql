-- Planwright plan file, schema 1: the plan, its text, and its planning data.

CREATE TABLE plan (
    id                  INTEGER PRIMARY KEY CHECK (id = 1),
    title               TEXT NOT NULL CHECK (length(trim(title)) > 0),
    authority           TEXT NOT NULL DEFAULT '',
    period_start        INTEGER NOT NULL,
    period_end          INTEGER NOT NULL CHECK (period_end >= period_start),
    vision              TEXT,
    owning_board        TEXT,
    status              TEXT NOT NULL DEFAULT 'draft',
    numbering           TEXT NOT NULL DEFAULT 'by_chapter',
    predecessor         TEXT,
    comments_deadline   TEXT,
    second_draft_due    TEXT,
    publish_by          TEXT,
    review_due          TEXT,
    created_at          TEXT NOT NULL,
    modified_at         TEXT NOT NULL
);

CREATE TABLE chapters (
    id          INTEGER PRIMARY KEY,
    position    INTEGER NOT NULL,
    title       TEXT NOT NULL CHECK (length(trim(title)) > 0),
    numbered    INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX chapters_position ON chapters (position);

CREATE TABLE sections (
    id          INTEGER PRIMARY KEY,
    chapter_id  INTEGER NOT NULL REFERENCES chapters (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    title       TEXT
);
CREATE INDEX sections_chapter ON sections (chapter_id, position);

-- One row per top-level block. `json` is the block's ProseMirror node in the
-- canonical form written by the core; `kind` mirrors its type for queries.
CREATE TABLE blocks (
    id          INTEGER PRIMARY KEY,
    section_id  INTEGER NOT NULL REFERENCES sections (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    json        TEXT NOT NULL
);
CREATE INDEX blocks_section ON blocks (section_id, position);

CREATE TABLE assets (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    mime        TEXT NOT NULL,
    data        BLOB NOT NULL
);

CREATE TABLE frameworks (
    id          INTEGER PRIMARY KEY,
    key         TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    position    INTEGER NOT NULL
);

CREATE TABLE framework_items (
    id            INTEGER PRIMARY KEY,
    framework_id  INTEGER NOT NULL REFERENCES frameworks (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    code          TEXT NOT NULL,
    title         TEXT NOT NULL,
    UNIQUE (framework_id, code)
);

CREATE TABLE organisations (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
    kind        TEXT NOT NULL DEFAULT 'other'
);

CREATE TABLE people (
    id               INTEGER PRIMARY KEY,
    name             TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
    role             TEXT,
    organisation_id  INTEGER REFERENCES organisations (id) ON DELETE SET NULL,
    email            TEXT,
    phone            TEXT
);

CREATE TABLE priorities (
    id           INTEGER PRIMARY KEY,
    position     INTEGER NOT NULL,
    code         TEXT NOT NULL UNIQUE COLLATE NOCASE,
    title        TEXT NOT NULL CHECK (length(trim(title)) > 0),
    description  TEXT,
    laa          INTEGER NOT NULL DEFAULT 0,
    outcome_id   INTEGER REFERENCES framework_items (id) ON DELETE SET NULL
);

CREATE TABLE actions (
    id                    INTEGER PRIMARY KEY,
    position              INTEGER NOT NULL,
    parent_id             INTEGER REFERENCES actions (id) ON DELETE RESTRICT,
    activity              TEXT NOT NULL CHECK (length(trim(activity)) > 0),
    objective_id          INTEGER REFERENCES framework_items (id) ON DELETE SET NULL,
    priority_id           INTEGER REFERENCES priorities (id) ON DELETE SET NULL,
    lead_person_id        INTEGER REFERENCES people (id) ON DELETE SET NULL,
    lead_organisation_id  INTEGER REFERENCES organisations (id) ON DELETE SET NULL,
    notes                 TEXT,
    start_date            TEXT,
    end_date              TEXT,
    cost_pence            INTEGER CHECK (cost_pence IS NULL OR cost_pence >= 0),
    status                TEXT NOT NULL DEFAULT 'not_started',
    rag                   TEXT,
    CHECK (start_date IS NULL OR end_date IS NULL OR end_date >= start_date)
);
CREATE INDEX actions_parent ON actions (parent_id);

CREATE TABLE action_partners (
    action_id        INTEGER NOT NULL REFERENCES actions (id) ON DELETE CASCADE,
    organisation_id  INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    position         INTEGER NOT NULL,
    PRIMARY KEY (action_id, organisation_id)
);

CREATE TABLE indicators (
    id              INTEGER PRIMARY KEY,
    position        INTEGER NOT NULL,
    code            TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(code)) > 0),
    title           TEXT NOT NULL,
    kind            TEXT NOT NULL,
    polarity        TEXT NOT NULL,
    unit            TEXT,
    priority_id     INTEGER REFERENCES priorities (id) ON DELETE SET NULL,
    baseline_year   INTEGER,
    baseline_value  REAL
);

-- Targets and actuals, one row per indicator and year.
CREATE TABLE indicator_values (
    indicator_id  INTEGER NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
    year          INTEGER NOT NULL,
    target        REAL,
    actual        REAL,
    PRIMARY KEY (indicator_id, year)
);

CREATE TABLE glossary (
    id          INTEGER PRIMARY KEY,
    term        TEXT NOT NULL UNIQUE COLLATE NOCASE,
    definition  TEXT NOT NULL
);

CREATE TABLE notes (
    id          INTEGER PRIMARY KEY,
    position    INTEGER NOT NULL,
    label       TEXT NOT NULL,
    text        TEXT NOT NULL,
    url         TEXT
);
