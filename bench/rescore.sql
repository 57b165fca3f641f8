-- rescore.sql: cityrank's whole scoring, written in SQL over a data set
-- file, for bench/scale.sh to time against the engine.  A benchmark,
-- not a test.
--
--	sqlite3 my.db < bench/rescore.sql
--
-- The same computation as cr_score() with the data set's default
-- weights, min-max 0-100 and the weighted arithmetic mean:
--   * every leaf indicator is multiplied by its direction and min-max
--     normalised to 0-100 over the entities that have a value (all
--     equal: 50, the middle of the range);
--   * every aggregate is the weighted mean of the children that have a
--     score and a weight > 0, the weights rescaled over those children
--     (COINr's rule for missing values), level by level up to the root;
--   * every node is ranked, highest 1, ties sharing the best rank
--     (rank(): 1, 2, 2, 4).
-- Weights are the 'default' preset's where it has one, else node.weight.
-- It reads the file and writes only TEMP tables, in memory.  It prints
-- the number of scores and of ranks, then the index's top ten (code,
-- score, rank), to check against `cityrank rank --format csv`.
--
-- SQL has no loop: one statement per level.  The four below cover a
-- framework whose leaves are at most four levels below the root (five
-- levels); a statement for a level the framework does not have finds
-- no rows through the index and costs nothing.

PRAGMA temp_store = MEMORY;
PRAGMA cache_size = -262144;	-- 256 MB: the whole data set stays cached

-- Depth and effective weight of every node.
CREATE TEMP TABLE t_node (
  id INTEGER PRIMARY KEY, parent INTEGER, depth INTEGER NOT NULL,
  weight REAL NOT NULL, direction INTEGER NOT NULL);
INSERT INTO t_node
WITH RECURSIVE d(id, depth) AS (
  SELECT id, 0 FROM node WHERE parent IS NULL
  UNION ALL
  SELECT n.id, d.depth + 1 FROM node n JOIN d ON n.parent = d.id)
SELECT n.id, n.parent, d.depth,
  coalesce((SELECT pw.weight FROM preset_weight pw
      JOIN preset p ON p.id = pw.preset
      WHERE p.code = 'default' AND pw.node = n.id), n.weight),
  n.direction
FROM node n JOIN d ON d.id = n.id;
CREATE INDEX t_node_depth ON t_node(depth);

-- Every score, leaves and aggregates, keyed by node then entity.
CREATE TEMP TABLE t_score (
  node INTEGER NOT NULL, entity INTEGER NOT NULL, v REAL NOT NULL,
  PRIMARY KEY (node, entity)) WITHOUT ROWID;

-- Leaves: direction, then min-max to 0-100 over the values present.
INSERT INTO t_score
WITH x(node, entity, v) AS (
  SELECT v.node, v.entity, v.value * n.direction
  FROM value v JOIN t_node n ON n.id = v.node),
r(node, lo, hi) AS (
  SELECT node, min(v), max(v) FROM x GROUP BY node)
SELECT x.node, x.entity,
  CASE WHEN r.hi = r.lo THEN 50.0
    ELSE 100.0 * (x.v - r.lo) / (r.hi - r.lo) END
FROM x JOIN r ON r.node = x.node
ORDER BY x.node, x.entity;

-- Aggregates, deepest level first: each from its children's scores.
INSERT INTO t_score
SELECT c.parent, s.entity, sum(c.weight * s.v) / sum(c.weight)
FROM t_node c JOIN t_score s ON s.node = c.id
WHERE c.depth = 4 AND c.weight > 0
GROUP BY c.parent, s.entity;
INSERT INTO t_score
SELECT c.parent, s.entity, sum(c.weight * s.v) / sum(c.weight)
FROM t_node c JOIN t_score s ON s.node = c.id
WHERE c.depth = 3 AND c.weight > 0
GROUP BY c.parent, s.entity;
INSERT INTO t_score
SELECT c.parent, s.entity, sum(c.weight * s.v) / sum(c.weight)
FROM t_node c JOIN t_score s ON s.node = c.id
WHERE c.depth = 2 AND c.weight > 0
GROUP BY c.parent, s.entity;
INSERT INTO t_score
SELECT c.parent, s.entity, sum(c.weight * s.v) / sum(c.weight)
FROM t_node c JOIN t_score s ON s.node = c.id
WHERE c.depth = 1 AND c.weight > 0
GROUP BY c.parent, s.entity;

-- Ranks of every node.
CREATE TEMP TABLE t_rank AS
SELECT node, entity,
  rank() OVER (PARTITION BY node ORDER BY v DESC) AS rank
FROM t_score;

SELECT 'scores', count(*) FROM t_score;
SELECT 'ranks', count(*) FROM t_rank;
SELECT e.code, printf('%.9f', s.v), r.rank
FROM t_node n
JOIN t_score s ON s.node = n.id
JOIN t_rank r ON r.node = s.node AND r.entity = s.entity
JOIN entity e ON e.id = s.entity
WHERE n.parent IS NULL
ORDER BY r.rank, e.code
LIMIT 10;
