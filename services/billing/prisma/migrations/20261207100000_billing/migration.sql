-- Billing: plans, customers, subscriptions with their audit trail, provider events, invoices,
-- payments and checkout idempotency keys. Money is integer minor units + ISO 4217 currency.

CREATE TABLE `plans` (
  `id` CHAR(36) NOT NULL,
  `name` VARCHAR(80) NOT NULL,
  `tier` VARCHAR(16) NOT NULL,
  `price_minor` INTEGER NOT NULL,
  `currency` CHAR(3) NOT NULL,
  `interval` VARCHAR(8) NOT NULL,
  `trial_days` INTEGER NOT NULL DEFAULT 0,
  `archived_at` DATETIME(3) NULL,
  `created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  `updated_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  UNIQUE INDEX `plans_name_key`(`name`),
  INDEX `plans_archived_at_price_minor_idx`(`archived_at`, `price_minor`),
  PRIMARY KEY (`id`),
  CONSTRAINT `plans_price_check` CHECK (`price_minor` > 0 AND `trial_days` >= 0)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `customers` (
  `user_id` CHAR(36) NOT NULL,
  `email` VARCHAR(320) NULL,
  `display_name` VARCHAR(100) NULL,
  `provider_customer_id` VARCHAR(255) NULL,
  `erased_at` DATETIME(3) NULL,
  `created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  `updated_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  UNIQUE INDEX `customers_provider_customer_id_key`(`provider_customer_id`),
  PRIMARY KEY (`user_id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- One subscription per user: `active_user_id` is unique, and the CHECK makes it equal to
-- `user_id` exactly while the subscription is not expired (NULLs do not collide in a unique index).
CREATE TABLE `subscriptions` (
  `id` CHAR(36) NOT NULL,
  `user_id` CHAR(36) NOT NULL,
  `active_user_id` CHAR(36) NULL,
  `plan_id` CHAR(36) NOT NULL,
  `plan_name` VARCHAR(80) NOT NULL,
  `tier` VARCHAR(16) NOT NULL,
  `price_minor` INTEGER NOT NULL,
  `currency` CHAR(3) NOT NULL,
  `interval` VARCHAR(8) NOT NULL,
  `trial_days` INTEGER NOT NULL,
  `status` VARCHAR(16) NOT NULL,
  `cancel_at_period_end` BOOLEAN NOT NULL DEFAULT false,
  `current_period_start` DATETIME(3) NULL,
  `current_period_end` DATETIME(3) NULL,
  `provider_customer_id` VARCHAR(255) NULL,
  `provider_checkout_session_id` VARCHAR(255) NULL,
  `provider_subscription_id` VARCHAR(255) NULL,
  `checkout_url` VARCHAR(2048) NULL,
  `traceparent` VARCHAR(64) NULL,
  `provider_updated_at` DATETIME(3) NULL,
  `ended_at` DATETIME(3) NULL,
  `created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  `updated_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  UNIQUE INDEX `subscriptions_active_user_id_key`(`active_user_id`),
  UNIQUE INDEX `subscriptions_provider_checkout_session_id_key`(`provider_checkout_session_id`),
  UNIQUE INDEX `subscriptions_provider_subscription_id_key`(`provider_subscription_id`),
  INDEX `subscriptions_user_id_created_at_idx`(`user_id`, `created_at`),
  INDEX `subscriptions_plan_id_idx`(`plan_id`),
  INDEX `subscriptions_status_current_period_end_idx`(`status`, `current_period_end`),
  PRIMARY KEY (`id`),
  CONSTRAINT `subscriptions_status_check` CHECK (`status` IN ('pending', 'trialing', 'active', 'past_due', 'canceled', 'expired')),
  CONSTRAINT `subscriptions_active_user_check` CHECK (
    (`status` = 'expired' AND `active_user_id` IS NULL)
    OR (`status` <> 'expired' AND `active_user_id` IS NOT NULL AND `active_user_id` = `user_id`)
  )
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `subscription_changes` (
  `id` BIGINT NOT NULL AUTO_INCREMENT,
  `subscription_id` CHAR(36) NOT NULL,
  `from_status` VARCHAR(16) NULL,
  `to_status` VARCHAR(16) NOT NULL,
  `cause` VARCHAR(16) NOT NULL,
  `cause_ref` VARCHAR(255) NULL,
  `provider_at` DATETIME(3) NULL,
  `detail` VARCHAR(500) NULL,
  `at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  INDEX `subscription_changes_subscription_id_id_idx`(`subscription_id`, `id`),
  PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `provider_events` (
  `id` VARCHAR(255) NOT NULL,
  `type` VARCHAR(100) NOT NULL,
  `created` DATETIME(3) NOT NULL,
  `payload` MEDIUMTEXT NOT NULL,
  `provider_customer_id` VARCHAR(255) NULL,
  `received_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  `processed_at` DATETIME(3) NULL,
  `outcome` VARCHAR(16) NULL,
  `detail` VARCHAR(500) NULL,
  INDEX `provider_events_provider_customer_id_idx`(`provider_customer_id`),
  INDEX `provider_events_received_at_idx`(`received_at`),
  PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `invoices` (
  `id` CHAR(36) NOT NULL,
  `provider_invoice_id` VARCHAR(255) NOT NULL,
  `number` VARCHAR(100) NOT NULL,
  `user_id` CHAR(36) NOT NULL,
  `subscription_id` CHAR(36) NULL,
  `description` VARCHAR(200) NOT NULL,
  `amount_minor` INTEGER NOT NULL,
  `currency` CHAR(3) NOT NULL,
  `period_start` DATETIME(3) NOT NULL,
  `period_end` DATETIME(3) NOT NULL,
  `status` VARCHAR(16) NOT NULL,
  `customer_name` VARCHAR(100) NULL,
  `customer_email` VARCHAR(320) NULL,
  `issued_at` DATETIME(3) NOT NULL,
  `paid_at` DATETIME(3) NULL,
  `created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  `updated_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  UNIQUE INDEX `invoices_provider_invoice_id_key`(`provider_invoice_id`),
  INDEX `invoices_user_id_issued_at_id_idx`(`user_id`, `issued_at`, `id`),
  INDEX `invoices_subscription_id_idx`(`subscription_id`),
  PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `payments` (
  `id` CHAR(36) NOT NULL,
  `provider_ref` VARCHAR(255) NOT NULL,
  `user_id` CHAR(36) NOT NULL,
  `subscription_id` CHAR(36) NULL,
  `invoice_id` CHAR(36) NULL,
  `status` VARCHAR(16) NOT NULL,
  `amount_minor` INTEGER NOT NULL,
  `currency` CHAR(3) NOT NULL,
  `reason` VARCHAR(500) NULL,
  `at` DATETIME(3) NOT NULL,
  `created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  UNIQUE INDEX `payments_provider_ref_key`(`provider_ref`),
  INDEX `payments_user_id_at_id_idx`(`user_id`, `at`, `id`),
  INDEX `payments_subscription_id_idx`(`subscription_id`),
  INDEX `payments_invoice_id_idx`(`invoice_id`),
  PRIMARY KEY (`id`),
  CONSTRAINT `payments_status_check` CHECK (`status` IN ('succeeded', 'failed'))
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE `idempotency_keys` (
  `user_id` CHAR(36) NOT NULL,
  `key` VARCHAR(255) NOT NULL,
  `fingerprint` CHAR(64) NOT NULL,
  `state` VARCHAR(16) NOT NULL,
  `response_status` INTEGER NULL,
  `response_body` TEXT NULL,
  `created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  `expires_at` DATETIME(3) NOT NULL,
  INDEX `idempotency_keys_expires_at_idx`(`expires_at`),
  PRIMARY KEY (`user_id`, `key`),
  CONSTRAINT `idempotency_keys_state_check` CHECK (`state` IN ('in_flight', 'done'))
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

ALTER TABLE `subscriptions` ADD CONSTRAINT `subscriptions_plan_id_fkey`
  FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON DELETE RESTRICT ON UPDATE RESTRICT;
ALTER TABLE `subscription_changes` ADD CONSTRAINT `subscription_changes_subscription_id_fkey`
  FOREIGN KEY (`subscription_id`) REFERENCES `subscriptions`(`id`) ON DELETE RESTRICT ON UPDATE RESTRICT;
ALTER TABLE `invoices` ADD CONSTRAINT `invoices_subscription_id_fkey`
  FOREIGN KEY (`subscription_id`) REFERENCES `subscriptions`(`id`) ON DELETE RESTRICT ON UPDATE RESTRICT;
ALTER TABLE `payments` ADD CONSTRAINT `payments_subscription_id_fkey`
  FOREIGN KEY (`subscription_id`) REFERENCES `subscriptions`(`id`) ON DELETE RESTRICT ON UPDATE RESTRICT;
ALTER TABLE `payments` ADD CONSTRAINT `payments_invoice_id_fkey`
  FOREIGN KEY (`invoice_id`) REFERENCES `invoices`(`id`) ON DELETE RESTRICT ON UPDATE RESTRICT;
