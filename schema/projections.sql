-- Desired state of the projections schema of stock_analysis_event_store.
-- Corrected from the seed: the view keeps the latest event per position (DISTINCT ON), not one row
-- per event; it has the unique index that REFRESH ... CONCURRENTLY requires; the refresh function
-- lives in the projections schema and runs with its owner's rights.

CREATE MATERIALIZED VIEW projections.portfolio_positions AS
SELECT DISTINCT ON (e.aggregate_id)
    e.aggregate_id                                   AS position_id,
    (e.event_data ->> 'symbol')::varchar(32)         AS symbol,
    (e.event_data ->> 'quantity')::numeric           AS quantity,
    (e.event_data ->> 'average_price')::numeric      AS average_price,
    (e.event_data ->> 'current_value')::numeric      AS current_value,
    e.event_type = 'PositionClosed'                  AS closed,
    e.event_version                                  AS version,
    e.created_at                                     AS last_updated
FROM event_store.events AS e
WHERE e.aggregate_type = 'Position'
  AND e.event_type IN ('PositionOpened', 'PositionUpdated', 'PositionClosed')
ORDER BY e.aggregate_id, e.event_version DESC
WITH DATA;

CREATE UNIQUE INDEX portfolio_positions_position_id_key ON projections.portfolio_positions (position_id);
CREATE INDEX idx_portfolio_positions_symbol ON projections.portfolio_positions (symbol);

CREATE FUNCTION projections.refresh_portfolio_positions() RETURNS void
    LANGUAGE plpgsql
    SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    REFRESH MATERIALIZED VIEW CONCURRENTLY projections.portfolio_positions;
END;
$$;
