-- The purge reads history by age (gateway.retention.*): job events and notification tries by their time,
-- idempotency keys by their use.
CREATE INDEX job_event_at_idx ON job_event (at);
CREATE INDEX webhook_attempt_at_idx ON webhook_attempt (at);
CREATE INDEX idempotency_key_created_idx ON idempotency_key (created_at);
