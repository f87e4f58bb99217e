SELECT * FROM catalog_fingerprint();
SELECT jsonb_array_length(snapshot -> 'tables' -> 'povext.standard') AS standards, snapshot ->> 'version' AS version
  FROM catalog_snapshot() AS snapshot;
SELECT citus_setup();
