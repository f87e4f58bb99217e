SELECT d, deprivations_send(d) AS binary_form, length(deprivations_send(d)) AS bytes
  FROM (VALUES ('{}'::deprivations), ('{water}'), ('{water,employment}'), ('{assets}')) AS v(d);
