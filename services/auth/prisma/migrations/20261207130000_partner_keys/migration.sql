-- Partner API keys and their audit trail (issue #21). Only a keyed hash of each secret is stored.

CREATE TABLE `partner_keys` (
  `id` CHAR(36) NOT NULL,
  `prefix` CHAR(12) NOT NULL,
  `partner` VARCHAR(64) NOT NULL,
  `scopes` VARCHAR(200) NOT NULL,
  `tier` VARCHAR(16) NOT NULL,
  `secret_hash` CHAR(64) NOT NULL,
  `previous_secret_hash` CHAR(64) NULL,
  `previous_valid_until` DATETIME(3) NULL,
  `expires_at` DATETIME(3) NOT NULL,
  `revoked_at` DATETIME(3) NULL,
  `created_at` DATETIME(3) NOT NULL,
  `created_by` CHAR(36) NOT NULL,
  `rotated_at` DATETIME(3) NULL,
  UNIQUE INDEX `partner_keys_prefix_key`(`prefix`),
  INDEX `partner_keys_partner_idx`(`partner`),
  PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `partner_key_audit` (
  `id` BIGINT NOT NULL AUTO_INCREMENT,
  `key_id` CHAR(36) NOT NULL,
  `action` VARCHAR(16) NOT NULL,
  `actor_id` CHAR(36) NOT NULL,
  `at` DATETIME(3) NOT NULL,
  `detail` VARCHAR(500) NULL,
  INDEX `partner_key_audit_key_id_at_idx`(`key_id`, `at`),
  PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
