-- The outbox and inbox of @kavosh/messaging (packages/messaging/sql/messaging.sql).

-- One row per event, written in the producer's transaction. `id` is the publish order key.
CREATE TABLE `outbox` (
  `id` BIGINT NOT NULL AUTO_INCREMENT,
  `event_id` CHAR(36) NOT NULL,
  `type` VARCHAR(200) NOT NULL,
  `subject` VARCHAR(200) NULL,
  `envelope` MEDIUMTEXT NOT NULL,
  `created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  `sent_at` DATETIME(3) NULL,
  `attempts` INTEGER NOT NULL DEFAULT 0,
  `last_error` VARCHAR(1000) NULL,
  `next_attempt_at` DATETIME(3) NULL,
  UNIQUE INDEX `outbox_event_id_key`(`event_id`),
  INDEX `outbox_sent_at_id_idx`(`sent_at`, `id`),
  PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- The relay lease: one holder publishes at a time, which keeps per-subject commit order.
CREATE TABLE `outbox_lease` (
  `name` VARCHAR(64) NOT NULL,
  `owner` VARCHAR(100) NOT NULL,
  `expires_at` DATETIME(3) NOT NULL,
  PRIMARY KEY (`name`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- One row per (consumer queue, event) handled; inserted in the handler's transaction.
CREATE TABLE `inbox` (
  `consumer` VARCHAR(200) NOT NULL,
  `event_id` CHAR(36) NOT NULL,
  `processed_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  INDEX `inbox_processed_at_idx`(`processed_at`),
  PRIMARY KEY (`consumer`, `event_id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
