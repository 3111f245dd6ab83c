-- Planwright plan file, schema 2: the plan's logo, one of its images, drawn
-- on the title page of every export. Deleting the image clears the link.

ALTER TABLE plan ADD COLUMN logo_asset TEXT REFERENCES assets (id) ON DELETE SET NULL;

-- The language the plan is written in (BCP 47): spelling is checked in it
-- and exports declare it.
ALTER TABLE plan ADD COLUMN language TEXT NOT NULL DEFAULT 'en-GB';
