-- Owner: @support/copilot (packages/copilot).
-- Which door each answer came through, and cache hits logged as answers of their own, so the
-- dashboard can count answers per door and the cache hit rate from the log alone.
-- NULL door: logged before this migration (which door is not known).
ALTER TABLE answers ADD COLUMN door text CHECK (door IN ('api', 'widget', 'slack'));
-- A cache hit: the logged answer it was served from (a copy of it, at no model cost).
ALTER TABLE answers ADD COLUMN cached_from uuid REFERENCES answers (id) ON DELETE SET NULL;
