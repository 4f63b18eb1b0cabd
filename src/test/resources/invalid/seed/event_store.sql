-- Create event store database
CREATE DATABASE stock_analysis_event_store
    WITH 
    OWNER = stock_analysis_user
    ENCODING = 'UTF8'
    LC_COLLATE = 'en_US.UTF-8'
    LC_CTYPE = 'en_US.UTF-8'
    TABLESPACE = pg_default
    CONNECTION LIMIT = 100;

-- Connect to the database
\c stock_analysis_event_store;

-- Create schema for event sourcing
CREATE SCHEMA IF NOT EXISTS event_store;

-- Events table - Core of event sourcing
CREATE TABLE event_store.events (
    event_id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    event_type VARCHAR(255) NOT NULL,
    aggregate_type VARCHAR(255) NOT NULL,
    aggregate_id UUID NOT NULL,
    event_version INTEGER NOT NULL,
    event_data JSONB NOT NULL,
    metadata JSONB DEFAULT '{}',
    created_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP,
    created_by VARCHAR(255) DEFAULT 'system',
    
    -- Ensure events are immutable
    CONSTRAINT events_immutable CHECK (false) NO INHERIT
);

-- Index for aggregate queries
CREATE INDEX idx_events_aggregate ON event_store.events(aggregate_type, aggregate_id, event_version);

-- Index for event type queries
CREATE INDEX idx_events_type ON event_store.events(event_type, created_at);

-- Index for time-based queries
CREATE INDEX idx_events_created_at ON event_store.events(created_at);

-- Snapshots table for performance optimization
CREATE TABLE event_store.snapshots (
    snapshot_id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    aggregate_type VARCHAR(255) NOT NULL,
    aggregate_id UUID NOT NULL,
    aggregate_version INTEGER NOT NULL,
    snapshot_data JSONB NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP,
    
    UNIQUE(aggregate_type, aggregate_id, aggregate_version)
);

-- Index for snapshot queries
CREATE INDEX idx_snapshots_aggregate ON event_store.snapshots(aggregate_type, aggregate_id, aggregate_version DESC);

-- Event types registry
CREATE TABLE event_store.event_types (
    event_type VARCHAR(255) PRIMARY KEY,
    schema_version INTEGER NOT NULL DEFAULT 1,
    json_schema JSONB NOT NULL,
    description TEXT,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP
);

-- Projections metadata
CREATE TABLE event_store.projections (
    projection_name VARCHAR(255) PRIMARY KEY,
    last_processed_event_id UUID,
    last_processed_timestamp TIMESTAMP WITH TIME ZONE,
    projection_version INTEGER NOT NULL DEFAULT 1,
    status VARCHAR(50) DEFAULT 'active',
    error_message TEXT,
    updated_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP
);
