-- S2: follows (users and genres), notifications and their read markers (issue #17 parts 4, 5).

CREATE TABLE `user_follows` (
  `follower_id` CHAR(36) NOT NULL,
  `followee_id` CHAR(36) NOT NULL,
  `created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  INDEX `user_follows_follower_id_created_at_followee_id_idx`(`follower_id`, `created_at`, `followee_id`),
  INDEX `user_follows_followee_id_created_at_follower_id_idx`(`followee_id`, `created_at`, `follower_id`),
  PRIMARY KEY (`follower_id`, `followee_id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `genre_follows` (
  `user_id` CHAR(36) NOT NULL,
  `genre_id` CHAR(36) NOT NULL,
  `created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  INDEX `genre_follows_genre_id_user_id_idx`(`genre_id`, `user_id`),
  PRIMARY KEY (`user_id`, `genre_id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `notifications` (
  `id` BIGINT NOT NULL AUTO_INCREMENT,
  `user_id` CHAR(36) NOT NULL,
  `kind` VARCHAR(40) NOT NULL,
  `actor_id` CHAR(36) NULL,
  `source_event_id` CHAR(36) NULL,
  `payload` VARCHAR(2000) NOT NULL,
  `created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  INDEX `notifications_user_id_id_idx`(`user_id`, `id`),
  INDEX `notifications_actor_id_idx`(`actor_id`),
  INDEX `notifications_source_event_id_idx`(`source_event_id`),
  PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `notification_read_markers` (
  `user_id` CHAR(36) NOT NULL,
  `up_to_id` BIGINT NOT NULL,
  `updated_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (`user_id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
