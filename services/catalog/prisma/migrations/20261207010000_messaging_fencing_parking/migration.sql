-- The outbox and inbox of @kavosh/messaging, second step (packages/messaging/sql/migrations).
-- The relay lease's fencing generation: bumped whenever the lease changes hands, and matched by
-- every write of the holder, so a holder whose lease was taken over writes nothing.
ALTER TABLE `outbox_lease` ADD COLUMN `generation` BIGINT NOT NULL DEFAULT 0;

-- Parked rows: refused or unroutable after the relay's last try; kept for the DLQ tool, skipped by
-- the claim. The index matches the claim (unsent, not parked, in id order; next_attempt_at is
-- checked in the index) and also serves pruning (sent_at range) in place of the old one.
ALTER TABLE `outbox` ADD COLUMN `parked_at` DATETIME(3) NULL,
  ADD INDEX `outbox_sent_at_parked_at_id_next_attempt_at_idx`(`sent_at`, `parked_at`, `id`, `next_attempt_at`),
  DROP INDEX `outbox_sent_at_id_idx`;
