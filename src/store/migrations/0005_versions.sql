-- Planwright plan file, schema 5: versions, immutable snapshots of the whole
-- plan (text and data, as one bundle: canonical JSON, deflated) at the
-- stages a plan goes through. Nothing updates a version: it is added, read,
-- and (never, by Planwright) removed.

CREATE TABLE versions (
    id       INTEGER PRIMARY KEY,
    stage    TEXT NOT NULL CHECK (stage IN ('consultation_draft', 'second_draft', 'approved',
                                            'published', 'annual_review', 'draft')),
    name     TEXT NOT NULL CHECK (length(trim(name)) > 0),
    created  TEXT NOT NULL,
    sha256   TEXT NOT NULL CHECK (length(sha256) = 64),
    size     INTEGER NOT NULL,
    content  BLOB NOT NULL
);
