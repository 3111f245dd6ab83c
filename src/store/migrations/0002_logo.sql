-- Planwright plan file, schema 2: the plan's logo, one of its images, drawn
-- on the title page of every export. Deleting the image clears the link.

ALTER TABLE plan ADD COLUMN logo_asset TEXT REFERENCES assets (id) ON DELETE SET NULL;
