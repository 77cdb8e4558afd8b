-- Owner: @support/retrieval (packages/retrieval).
-- English stems that do not depend on the PostgreSQL version. Snowball's English stemmer changed
-- between the versions in use: PostgreSQL 15 stems "added" to "ad" (and "erred" to "er", "offing"
-- to "of"), PostgreSQL 18 and embedded PGlite to "add". So one knowledge base ranked differently
-- on the two, and fusion calibration on the stackfaq test slice chose differently (t 1.53 on a
-- server, 1.90 embedded: docs/FUSION.md, session 6). Over 47,000 words from our corpora and every
-- word of the shape below, these are the only differences: a word that is exactly a, e or o, a
-- doubled consonant, then ed, edly, ing or ingly. Such words are cut to that stem before
-- stemming, which is what the newer stemmer gives, so both stem them alike.

CREATE OR REPLACE FUNCTION search_tsvector(config regconfig, body text) RETURNS tsvector
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE STRICT AS $$
BEGIN
  IF config = 'english'::regconfig THEN
    RETURN ts_delete(to_tsvector('english_all'::regconfig,
        regexp_replace(search_text(body), '\m([aeo])(bb|dd|ff|gg|mm|nn|pp|rr|tt)(ed|edly|ing|ingly)\M', '\1\2', 'gi')),
      '{a,about,am,an,and,are,as,at,be,becaus,been,but,by,can,did,do,doe,don,for,from,had,has,have,he,her,here,herself,him,himself,his,how,i,if,in,into,is,it,itself,just,me,my,myself,now,of,on,or,our,ourselv,s,she,should,so,t,that,the,their,them,themselv,then,there,these,they,this,those,to,until,was,we,were,what,when,where,whi,which,while,who,whom,will,with,you,your,yourself,yourselv}'::text[]);
  END IF;
  RETURN to_tsvector(config, search_text(body));
END
$$;

-- Only chunks holding such a word change. A stored generated column is computed again when its
-- row is updated; their lengths stay (one word is still one lexeme), their postings are written
-- again with the statement of queries/chunks.ts writePostings as of this migration (k1 1.2,
-- b 0.75, title x2, heading x1.5). Term statistics follow through their triggers.
CREATE TEMPORARY TABLE restemmed ON COMMIT DROP AS
SELECT id FROM chunks
WHERE search_config = 'english'::regconfig
  AND concat_ws(' ', title, heading_path, text) ~* '\m[aeo](bb|dd|ff|gg|mm|nn|pp|rr|tt)(ed|edly|ing|ingly)\M';

UPDATE chunks c SET title = c.title FROM restemmed r WHERE c.id = r.id;

DELETE FROM chunk_terms ct USING restemmed r WHERE ct.chunk_id = r.id;

INSERT INTO chunk_terms (lexeme, chunk_id, tf, impact)
SELECT u.lexeme, c.id, t.tf,
       t.tf * (1.2 + 1) / (t.tf + 1.2 * (1 - 0.75 + 0.75 * c.bm25_length
         / greatest(s.total_length / greatest(s.chunk_count, 1), 1)))
FROM restemmed r JOIN chunks c ON c.id = r.id CROSS JOIN corpus_stats s, unnest(c.tsv) AS u,
     LATERAL (SELECT sum(CASE w WHEN 'A' THEN 2 WHEN 'B' THEN 1.5 ELSE 1 END) AS tf FROM unnest(u.weights) AS w) t;
