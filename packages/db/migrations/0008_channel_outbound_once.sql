-- A stored message is sent on to its channel once: two workers processing the
-- same redelivered webhook (or a retried job) cannot queue the reply twice.
CREATE UNIQUE INDEX channel_messages_outbound_once ON channel_messages (creator_id, message_id)
  WHERE direction = 'out' AND message_id IS NOT NULL;
