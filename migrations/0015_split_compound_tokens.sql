-- Owner: @support/retrieval (packages/retrieval).
-- Technical documentation is full of compound tokens: file names (package-lock.json), members
-- (fs.readFile), hosts, paths and addresses. PostgreSQL's parser keeps each as one lexeme, so a
-- question that says "package lock" or "readFile" never matches them. Text is now split at
-- dots, slashes, colons, at signs and hyphens that sit between letters (or a digit and a letter),
-- before tokenising, for chunks and questions alike; numbers such as 1.5 or 10-20 stay whole.
-- English text also keeps the words of Snowball's stop list that carry meaning in a technical
-- question: amounts, directions, negation and sameness ("allow same version", "keep files out of
-- the package", "packages all", "not", "more", "after"). Pronouns, auxiliaries, articles,
-- conjunctions, plain prepositions and question words stay stop words: with Lucene's 33-word list
-- instead, support questions ("how do I...") lost more than docs gained. Figures in docs/FUSION.md.

CREATE FUNCTION search_text(body text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
  SELECT regexp_replace(
    regexp_replace(body, '([[:alpha:]])[.@:/-]+(?=[[:alnum:]])', '\1 ', 'g'),
    '([[:digit:]])[.@:/-]+(?=[[:alpha:]])', '\1 ', 'g')
$$;

-- Snowball's English stemmer without its stop list; the rest of that list (all but the words kept
-- above) is removed after stemming, so it is written as stems ("does" is "doe", "why" is "whi").
CREATE TEXT SEARCH DICTIONARY english_stem_all (TEMPLATE = snowball, Language = english);
CREATE TEXT SEARCH CONFIGURATION english_all (COPY = english);
ALTER TEXT SEARCH CONFIGURATION english_all ALTER MAPPING REPLACE english_stem WITH english_stem_all;

-- What a chunk field or a question is tokenised into, in a given configuration. plpgsql so it is
-- never inlined (as search_config_for in 0007).
CREATE FUNCTION search_tsvector(config regconfig, body text) RETURNS tsvector
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE STRICT AS $$
BEGIN
  IF config = 'english'::regconfig THEN
    RETURN ts_delete(to_tsvector('english_all'::regconfig, search_text(body)),
      '{a,about,am,an,and,are,as,at,be,becaus,been,but,by,can,did,do,doe,don,for,from,had,has,have,he,her,here,herself,him,himself,his,how,i,if,in,into,is,it,itself,just,me,my,myself,now,of,on,or,our,ourselv,s,she,should,so,t,that,the,their,them,themselv,then,there,these,they,this,those,to,until,was,we,were,what,when,where,whi,which,while,who,whom,will,with,you,your,yourself,yourselv}'::text[]);
  END IF;
  RETURN to_tsvector(config, search_text(body));
END
$$;

ALTER TABLE chunks DROP COLUMN tsv;
ALTER TABLE chunks ADD COLUMN tsv tsvector GENERATED ALWAYS AS (
  setweight(search_tsvector(search_config, title), 'A')
    || setweight(search_tsvector(search_config, heading_path), 'B')
    || search_tsvector(search_config, text)
) STORED;
CREATE INDEX chunks_tsv_idx ON chunks USING gin (tsv);

-- Every chunk has new lexemes: new lengths and postings. The statements are those of
-- queries/chunks.ts writePostings as of this migration (k1 1.2, b 0.75, title x2, heading x1.5);
-- term and corpus statistics follow through their triggers.
DELETE FROM chunk_terms;

UPDATE chunks c SET bm25_length = l.len
FROM (
  SELECT c2.id, sum((SELECT sum(CASE w WHEN 'A' THEN 2 WHEN 'B' THEN 1.5 ELSE 1 END) FROM unnest(u.weights) AS w)) AS len
  FROM chunks c2, unnest(c2.tsv) AS u
  GROUP BY c2.id
) l
WHERE c.id = l.id;

INSERT INTO chunk_terms (lexeme, chunk_id, tf, impact)
SELECT u.lexeme, c.id, t.tf,
       t.tf * (1.2 + 1) / (t.tf + 1.2 * (1 - 0.75 + 0.75 * c.bm25_length
         / greatest(s.total_length / greatest(s.chunk_count, 1), 1)))
FROM chunks c CROSS JOIN corpus_stats s, unnest(c.tsv) AS u,
     LATERAL (SELECT sum(CASE w WHEN 'A' THEN 2 WHEN 'B' THEN 1.5 ELSE 1 END) AS tf FROM unnest(u.weights) AS w) t;
