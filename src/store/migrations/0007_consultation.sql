-- Planwright plan file, schema 7: consultation. Rounds with their dates,
-- and the responses logged in them: who (one of the plan's required
-- consultees, by code, or an organisation, by name), what about (a section
-- or an action, as named when logged), what they said, and what changed.

CREATE TABLE consultation_rounds (
    id      INTEGER PRIMARY KEY,
    name    TEXT NOT NULL CHECK (length(trim(name)) > 0),
    opens   TEXT NOT NULL,
    closes  TEXT NOT NULL CHECK (closes >= opens)
);

CREATE TABLE consultation_responses (
    id              INTEGER PRIMARY KEY,
    round_id        INTEGER NOT NULL REFERENCES consultation_rounds (id) ON DELETE CASCADE,
    consultee_kind  TEXT NOT NULL CHECK (consultee_kind IN ('required', 'organisation', 'other')),
    consultee       TEXT NOT NULL CHECK (length(trim(consultee)) > 0),
    received        TEXT,
    about           TEXT NOT NULL DEFAULT '',
    said            TEXT NOT NULL CHECK (length(trim(said)) > 0),
    outcome         TEXT NOT NULL DEFAULT ''
);
