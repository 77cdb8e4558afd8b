-- Owner: @support/retrieval. Fusion weights calibrated per embedding model from pseudo-queries the
-- knowledge base builds from itself (see search/calibrate-fusion.ts): one row per model, replaced
-- on each calibration.
CREATE TABLE fusion_calibrations (
  model_id int PRIMARY KEY REFERENCES embedding_models (id) ON DELETE CASCADE,
  keyword_weight double precision NOT NULL CHECK (keyword_weight >= 0),
  vector_weight double precision NOT NULL CHECK (vector_weight >= 0),
  -- the typical spread of cosine scores over a query's candidates: vector scores are divided by
  -- it, so a query whose candidates all score alike moves the fused ranking little
  vector_spread double precision NOT NULL CHECK (vector_spread > 0),
  pseudo_queries int NOT NULL,
  -- nDCG@10 of finding each pseudo-query's source article, per branch and fused with the weights
  keyword_ndcg double precision NOT NULL,
  vector_ndcg double precision NOT NULL,
  hybrid_ndcg double precision NOT NULL,
  -- corpus size at calibration: a large change since then triggers a new calibration
  article_count int NOT NULL,
  seconds double precision NOT NULL,
  calibrated_at timestamptz NOT NULL DEFAULT now()
);
