-- Movies, genres, people and credits, the editorial blog and the entitlements projection (issue #7).

CREATE TABLE `movies` (
  `id` CHAR(36) NOT NULL,
  `slug` VARCHAR(160) NOT NULL,
  `title` VARCHAR(300) NOT NULL,
  `original_title` VARCHAR(300) NULL,
  `synopsis` TEXT NOT NULL,
  `year` SMALLINT NOT NULL,
  `runtime_minutes` SMALLINT NULL,
  `age_rating` VARCHAR(8) NULL,
  `premium` BOOLEAN NOT NULL DEFAULT false,
  `status` VARCHAR(16) NOT NULL DEFAULT 'draft',
  `poster_hash` CHAR(64) NULL,
  `poster_type` VARCHAR(32) NULL,
  `stream_key` VARCHAR(200) NOT NULL,
  `people_names` TEXT NOT NULL DEFAULT '',
  `rating_count` INTEGER NOT NULL DEFAULT 0,
  `rating_sum` BIGINT NOT NULL DEFAULT 0,
  `rating_average` DECIMAL(4, 2) NULL,
  `rating_as_of` DATETIME(3) NULL,
  `published_at` DATETIME(3) NULL,
  `created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  `updated_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  `version` INTEGER NOT NULL DEFAULT 1,
  UNIQUE INDEX `movies_slug_key`(`slug`),
  INDEX `movies_status_published_at_id_idx`(`status`, `published_at`, `id`),
  INDEX `movies_status_year_id_idx`(`status`, `year`, `id`),
  INDEX `movies_status_title_id_idx`(`status`, `title`, `id`),
  INDEX `movies_status_rating_average_id_idx`(`status`, `rating_average`, `id`),
  INDEX `movies_status_rating_count_id_idx`(`status`, `rating_count`, `id`),
  FULLTEXT INDEX `movies_search_ft`(`title`, `original_title`, `synopsis`, `people_names`),
  PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `movie_slugs` (
  `slug` VARCHAR(160) NOT NULL,
  `movie_id` CHAR(36) NOT NULL,
  INDEX `movie_slugs_movie_id_idx`(`movie_id`),
  PRIMARY KEY (`slug`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `movie_languages` (
  `movie_id` CHAR(36) NOT NULL,
  `language` VARCHAR(8) NOT NULL,
  INDEX `movie_languages_language_movie_id_idx`(`language`, `movie_id`),
  PRIMARY KEY (`movie_id`, `language`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `genres` (
  `id` CHAR(36) NOT NULL,
  `slug` VARCHAR(80) NOT NULL,
  `name` VARCHAR(80) NOT NULL,
  `created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  `updated_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  `version` INTEGER NOT NULL DEFAULT 1,
  UNIQUE INDEX `genres_slug_key`(`slug`),
  UNIQUE INDEX `genres_name_key`(`name`),
  PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `movie_genres` (
  `movie_id` CHAR(36) NOT NULL,
  `genre_id` CHAR(36) NOT NULL,
  INDEX `movie_genres_genre_id_movie_id_idx`(`genre_id`, `movie_id`),
  PRIMARY KEY (`movie_id`, `genre_id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `people` (
  `id` CHAR(36) NOT NULL,
  `name` VARCHAR(200) NOT NULL,
  `bio` TEXT NULL,
  `birth_year` SMALLINT NULL,
  `created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  `updated_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  `version` INTEGER NOT NULL DEFAULT 1,
  INDEX `people_name_idx`(`name`),
  PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `credits` (
  `id` CHAR(36) NOT NULL,
  `movie_id` CHAR(36) NOT NULL,
  `person_id` CHAR(36) NOT NULL,
  `role` VARCHAR(16) NOT NULL,
  `character` VARCHAR(200) NULL,
  `position` INTEGER NOT NULL DEFAULT 0,
  INDEX `credits_movie_id_role_position_idx`(`movie_id`, `role`, `position`),
  INDEX `credits_person_id_idx`(`person_id`),
  PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- body_markdown is what the editor wrote; body_html is rendered and sanitized at write time.
CREATE TABLE `articles` (
  `id` CHAR(36) NOT NULL,
  `slug` VARCHAR(160) NOT NULL,
  `title` VARCHAR(300) NOT NULL,
  `summary` VARCHAR(1000) NULL,
  `body_markdown` MEDIUMTEXT NOT NULL,
  `body_html` MEDIUMTEXT NOT NULL,
  `author_id` CHAR(36) NULL,
  `author_name` VARCHAR(100) NOT NULL,
  `status` VARCHAR(16) NOT NULL DEFAULT 'draft',
  `published_at` DATETIME(3) NULL,
  `created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  `updated_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  `version` INTEGER NOT NULL DEFAULT 1,
  UNIQUE INDEX `articles_slug_key`(`slug`),
  INDEX `articles_status_published_at_id_idx`(`status`, `published_at`, `id`),
  INDEX `articles_author_id_idx`(`author_id`),
  PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `article_tags` (
  `article_id` CHAR(36) NOT NULL,
  `tag` VARCHAR(40) NOT NULL,
  INDEX `article_tags_tag_article_id_idx`(`tag`, `article_id`),
  PRIMARY KEY (`article_id`, `tag`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `article_movies` (
  `article_id` CHAR(36) NOT NULL,
  `movie_id` CHAR(36) NOT NULL,
  INDEX `article_movies_movie_id_idx`(`movie_id`),
  PRIMARY KEY (`article_id`, `movie_id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- One row per subscription; an event applies only when its fact time is newer than fact_at.
CREATE TABLE `entitlements` (
  `subscription_id` CHAR(36) NOT NULL,
  `user_id` CHAR(36) NOT NULL,
  `tier` VARCHAR(16) NOT NULL,
  `state` VARCHAR(16) NOT NULL,
  `valid_until` DATETIME(3) NOT NULL,
  `fact_at` DATETIME(3) NOT NULL,
  `updated_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  INDEX `entitlements_user_id_valid_until_idx`(`user_id`, `valid_until`),
  PRIMARY KEY (`subscription_id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

ALTER TABLE `movie_slugs` ADD CONSTRAINT `movie_slugs_movie_id_fkey`
  FOREIGN KEY (`movie_id`) REFERENCES `movies`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE `movie_languages` ADD CONSTRAINT `movie_languages_movie_id_fkey`
  FOREIGN KEY (`movie_id`) REFERENCES `movies`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE `movie_genres` ADD CONSTRAINT `movie_genres_movie_id_fkey`
  FOREIGN KEY (`movie_id`) REFERENCES `movies`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE `movie_genres` ADD CONSTRAINT `movie_genres_genre_id_fkey`
  FOREIGN KEY (`genre_id`) REFERENCES `genres`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE `credits` ADD CONSTRAINT `credits_movie_id_fkey`
  FOREIGN KEY (`movie_id`) REFERENCES `movies`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE `credits` ADD CONSTRAINT `credits_person_id_fkey`
  FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE `article_tags` ADD CONSTRAINT `article_tags_article_id_fkey`
  FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE `article_movies` ADD CONSTRAINT `article_movies_article_id_fkey`
  FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE `article_movies` ADD CONSTRAINT `article_movies_movie_id_fkey`
  FOREIGN KEY (`movie_id`) REFERENCES `movies`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;
