-- Social S1 (issue #17 parts 1-3, 8): profiles and movies projections, ratings, comments,
-- moderation. Other social features reference these tables by id (no foreign keys).

CREATE TABLE `profiles` (
  `user_id` CHAR(36) NOT NULL,
  `display_name` VARCHAR(100) NOT NULL,
  `initials` VARCHAR(8) NOT NULL,
  `roles` VARCHAR(64) NOT NULL,
  `updated_at` DATETIME(3) NOT NULL,
  `created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (`user_id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- Deleted accounts, by opaque id only: a late registered/updated event cannot revive them.
CREATE TABLE `erased_users` (
  `user_id` CHAR(36) NOT NULL,
  `erased_at` DATETIME(3) NOT NULL,
  PRIMARY KEY (`user_id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `movies` (
  `id` CHAR(36) NOT NULL,
  `slug` VARCHAR(160) NOT NULL,
  `title` VARCHAR(300) NOT NULL,
  `published` BOOLEAN NOT NULL DEFAULT false,
  `published_at` DATETIME(3) NULL,
  `state_at` DATETIME(3) NOT NULL,
  INDEX `movies_published_published_at_id_idx`(`published`, `published_at`, `id`),
  PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `movie_genres` (
  `movie_id` CHAR(36) NOT NULL,
  `genre_id` CHAR(36) NOT NULL,
  INDEX `movie_genres_genre_id_movie_id_idx`(`genre_id`, `movie_id`),
  PRIMARY KEY (`movie_id`, `genre_id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- The row every rating write locks first; as_of strictly increases per movie.
CREATE TABLE `rating_aggregates` (
  `movie_id` CHAR(36) NOT NULL,
  `rating_count` INTEGER NOT NULL DEFAULT 0,
  `rating_sum` BIGINT NOT NULL DEFAULT 0,
  `as_of` DATETIME(3) NOT NULL,
  PRIMARY KEY (`movie_id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `ratings` (
  `user_id` CHAR(36) NOT NULL,
  `movie_id` CHAR(36) NOT NULL,
  `value` SMALLINT NOT NULL,
  `created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  `updated_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  INDEX `ratings_movie_id_idx`(`movie_id`),
  INDEX `ratings_user_id_updated_at_idx`(`user_id`, `updated_at`),
  PRIMARY KEY (`user_id`, `movie_id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `comments` (
  `id` CHAR(36) NOT NULL,
  `movie_id` CHAR(36) NOT NULL,
  `parent_id` CHAR(36) NULL,
  `depth` SMALLINT NOT NULL,
  `author_id` CHAR(36) NULL,
  `body` TEXT NOT NULL,
  `state` VARCHAR(16) NOT NULL DEFAULT 'visible',
  `reply_count` INTEGER NOT NULL DEFAULT 0,
  `open_reports` INTEGER NOT NULL DEFAULT 0,
  `reported_at` DATETIME(3) NULL,
  `created_at` DATETIME(3) NOT NULL,
  `edited_at` DATETIME(3) NULL,
  `hidden_at` DATETIME(3) NULL,
  `deleted_at` DATETIME(3) NULL,
  INDEX `comments_movie_id_parent_id_created_at_id_idx`(`movie_id`, `parent_id`, `created_at`, `id`),
  INDEX `comments_parent_id_created_at_id_idx`(`parent_id`, `created_at`, `id`),
  INDEX `comments_author_id_created_at_id_idx`(`author_id`, `created_at`, `id`),
  INDEX `comments_reported_at_id_idx`(`reported_at`, `id`),
  PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `comment_reports` (
  `id` CHAR(36) NOT NULL,
  `comment_id` CHAR(36) NOT NULL,
  `reporter_id` CHAR(36) NULL,
  `reason` VARCHAR(500) NOT NULL,
  `status` VARCHAR(16) NOT NULL DEFAULT 'open',
  `created_at` DATETIME(3) NOT NULL,
  `resolved_at` DATETIME(3) NULL,
  UNIQUE INDEX `comment_reports_comment_id_reporter_id_key`(`comment_id`, `reporter_id`),
  INDEX `comment_reports_reporter_id_idx`(`reporter_id`),
  PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- Every moderation action: who (NULL: the automatic hide), when, why, on what.
CREATE TABLE `moderation_audit` (
  `id` BIGINT NOT NULL AUTO_INCREMENT,
  `actor_id` CHAR(36) NULL,
  `action` VARCHAR(32) NOT NULL,
  `comment_id` CHAR(36) NULL,
  `report_id` CHAR(36) NULL,
  `reason` VARCHAR(500) NOT NULL,
  `created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  INDEX `moderation_audit_comment_id_idx`(`comment_id`),
  PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
