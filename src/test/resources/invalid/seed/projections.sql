-- Create schema for materialized views
CREATE SCHEMA IF NOT EXISTS projections;

-- Example: Portfolio positions materialized view
CREATE MATERIALIZED VIEW projections.portfolio_positions AS
SELECT 
    aggregate_id as position_id,
    (event_data->>'symbol')::VARCHAR as symbol,
    (event_data->>'quantity')::DECIMAL as quantity,
    (event_data->>'average_price')::DECIMAL as average_price,
    (event_data->>'current_value')::DECIMAL as current_value,
    max(created_at) as last_updated
FROM event_store.events
WHERE event_type IN ('PositionOpened', 'PositionUpdated', 'PositionClosed')
    AND aggregate_type = 'Position'
GROUP BY aggregate_id, event_data
WITH DATA;

-- Index for fast symbol lookup
CREATE INDEX idx_portfolio_positions_symbol ON projections.portfolio_positions(symbol);

-- Refresh function for materialized views
CREATE OR REPLACE FUNCTION refresh_materialized_views()
RETURNS void AS $$
BEGIN
    REFRESH MATERIALIZED VIEW CONCURRENTLY projections.portfolio_positions;
    -- Add more materialized views here as needed
END;
$$ LANGUAGE plpgsql;
