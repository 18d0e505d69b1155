CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` text NOT NULL,
	`occurred_at` integer NOT NULL,
	`actor` text NOT NULL,
	`token_id` text,
	`action` text NOT NULL,
	`subject` text,
	`detail` text,
	`ip_address` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `audit_log_by_user` ON `audit_log` (`user_id`,`id`);--> statement-breakpoint
CREATE TABLE `daily_jobs` (
	`name` text PRIMARY KEY NOT NULL,
	`last_run_at` integer,
	`claimed_by` text,
	`lease_until` integer
);
--> statement-breakpoint
CREATE TABLE `erased_addresses` (
	`user_id` text NOT NULL,
	`address_hash` text NOT NULL,
	`erased_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `address_hash`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `tracking_opt_outs` (
	`user_id` text NOT NULL,
	`address_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `address_hash`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `campaigns` ADD `tracking_consent_field` text;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `recipients_deleted_at` integer;--> statement-breakpoint
ALTER TABLE `send_jobs` ADD `tracked` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `tracking_events_days` integer DEFAULT 395 NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `ip_address_days` integer DEFAULT 30 NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `finished_campaign_recipients_days` integer;--> statement-breakpoint
ALTER TABLE `users` ADD `postal_address` text;