-- Users whose account was deleted (auth.user.deleted.v1): a billing event that arrives after the
-- deletion must not bring their entitlements back. Holds only the opaque user id.
CREATE TABLE `erased_users` (
  `user_id` CHAR(36) NOT NULL,
  `erased_at` DATETIME(3) NOT NULL,
  PRIMARY KEY (`user_id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
