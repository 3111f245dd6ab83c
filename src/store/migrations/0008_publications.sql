-- Planwright plan file, schema 8: where and when the approved plan was
-- published (seed 004's routes: to the partners consulted, on the
-- website, in public libraries), each against the approval it published.

CREATE TABLE publications (
    id           INTEGER PRIMARY KEY,
    approval_id  INTEGER NOT NULL REFERENCES approvals (id),
    route        TEXT NOT NULL CHECK (route IN ('website', 'libraries', 'partners', 'other')),
    place        TEXT NOT NULL CHECK (length(trim(place)) > 0),
    published    TEXT NOT NULL
);
