-- Planwright plan file, schema 3: the plan's Word template, a .docx whose
-- styles the Word export takes. One or none; its bytes are checked when it
-- is set and again (as any file from someone else) when it is used.

CREATE TABLE word_template (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    name  TEXT NOT NULL CHECK (length(trim(name)) > 0),
    data  BLOB NOT NULL
);
