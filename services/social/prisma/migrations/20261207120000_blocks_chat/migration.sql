-- S3: blocks and direct chat. No foreign keys to other features' tables: users are referenced by
-- id (the profiles projection is another feature's); messages and participants are erased with
-- their user on auth.user.deleted.v1.
CREATE TABLE `blocks` (
  `blocker_id` CHAR(36) NOT NULL,
  `blocked_id` CHAR(36) NOT NULL,
  `created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  INDEX `blocks_blocked_id_idx`(`blocked_id`),
  INDEX `blocks_blocker_id_created_at_idx`(`blocker_id`, `created_at`),
  PRIMARY KEY (`blocker_id`, `blocked_id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- pair_key is `<lower user id>:<higher user id>`, unique: one conversation per pair. NULL once a
-- participant's account is deleted (several NULLs are allowed by the unique index).
CREATE TABLE `conversations` (
  `id` CHAR(36) NOT NULL,
  `pair_key` CHAR(73) NULL,
  `created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  `last_message_id` BIGINT NULL,
  UNIQUE INDEX `conversations_pair_key_key`(`pair_key`),
  PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `conversation_participants` (
  `conversation_id` CHAR(36) NOT NULL,
  `user_id` CHAR(36) NOT NULL,
  `last_read_message_id` BIGINT NOT NULL DEFAULT 0,
  `last_activity_at` DATETIME(3) NOT NULL,
  INDEX `conversation_participants_user_activity_idx`(`user_id`, `last_activity_at`, `conversation_id`),
  PRIMARY KEY (`conversation_id`, `user_id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `chat_messages` (
  `id` BIGINT NOT NULL AUTO_INCREMENT,
  `conversation_id` CHAR(36) NOT NULL,
  `sender_id` CHAR(36) NOT NULL,
  `body` VARCHAR(2000) NOT NULL,
  `created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  INDEX `chat_messages_conversation_id_id_idx`(`conversation_id`, `id`),
  INDEX `chat_messages_sender_id_idx`(`sender_id`),
  PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
