CREATE TABLE `account_sends` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`account_id` text NOT NULL,
	`sent_at` integer NOT NULL,
	`job_id` integer,
	FOREIGN KEY (`account_id`) REFERENCES `gmail_accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `account_sends_by_account_time` ON `account_sends` (`account_id`,`sent_at`);--> statement-breakpoint
CREATE TABLE `campaigns` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`name` text NOT NULL,
	`subject` text NOT NULL,
	`html` text NOT NULL,
	`text` text,
	`account_ids` text NOT NULL,
	`schedule` text NOT NULL,
	`throttle` text NOT NULL,
	`track_opens` integer NOT NULL,
	`track_clicks` integer NOT NULL,
	`unsubscribe` integer NOT NULL,
	`follow_ups` text NOT NULL,
	`status` text NOT NULL,
	`status_reason` text,
	`fields` text NOT NULL,
	`version` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`launched_at` integer,
	`last_sent_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `campaigns_by_user` ON `campaigns` (`user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `campaigns_by_status` ON `campaigns` (`status`);--> statement-breakpoint
CREATE TABLE `job_links` (
	`job_id` integer NOT NULL,
	`link_index` integer NOT NULL,
	`url` text NOT NULL,
	PRIMARY KEY(`job_id`, `link_index`),
	FOREIGN KEY (`job_id`) REFERENCES `send_jobs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `recipients` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_id` text NOT NULL,
	`user_id` text NOT NULL,
	`email` text NOT NULL,
	`email_key` text NOT NULL,
	`fields` text NOT NULL,
	`status` text NOT NULL,
	`status_reason` text,
	`last_event_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `recipients_one_per_address` ON `recipients` (`campaign_id`,`email_key`);--> statement-breakpoint
CREATE INDEX `recipients_by_campaign_status` ON `recipients` (`campaign_id`,`status`,`id`);--> statement-breakpoint
CREATE INDEX `recipients_by_user_address` ON `recipients` (`user_id`,`email_key`);--> statement-breakpoint
CREATE TABLE `send_jobs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_id` text NOT NULL,
	`recipient_id` integer NOT NULL,
	`user_id` text NOT NULL,
	`step` integer NOT NULL,
	`account_id` text,
	`status` text NOT NULL,
	`status_reason` text,
	`due_at` integer NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`verify_before_send` integer DEFAULT false NOT NULL,
	`claimed_by` text,
	`lease_until` integer,
	`message_id` text NOT NULL,
	`gmail_message_id` text,
	`gmail_thread_id` text,
	`sent_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`recipient_id`) REFERENCES `recipients`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `send_jobs_one_per_recipient_step` ON `send_jobs` (`recipient_id`,`step`);--> statement-breakpoint
CREATE INDEX `send_jobs_due` ON `send_jobs` (`status`,`campaign_id`,`due_at`);--> statement-breakpoint
CREATE INDEX `send_jobs_sent_by_account` ON `send_jobs` (`account_id`,`sent_at`);--> statement-breakpoint
CREATE TABLE `suppressions` (
	`user_id` text NOT NULL,
	`email_key` text NOT NULL,
	`email` text NOT NULL,
	`reason` text NOT NULL,
	`source_campaign_id` text,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `email_key`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `tracking_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_id` text NOT NULL,
	`recipient_id` integer NOT NULL,
	`job_id` integer,
	`step` integer,
	`kind` text NOT NULL,
	`link_index` integer,
	`url` text,
	`machine` integer DEFAULT false NOT NULL,
	`ip_address` text,
	`user_agent` text,
	`occurred_at` integer NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `tracking_events_by_campaign_kind_recipient` ON `tracking_events` (`campaign_id`,`kind`,`recipient_id`);--> statement-breakpoint
CREATE INDEX `tracking_events_by_campaign_time` ON `tracking_events` (`campaign_id`,`occurred_at`);--> statement-breakpoint
ALTER TABLE `gmail_accounts` ADD `next_send_at` integer;--> statement-breakpoint
ALTER TABLE `gmail_accounts` ADD `cooldown_until` integer;--> statement-breakpoint
ALTER TABLE `gmail_accounts` ADD `history_id` text;