CREATE TABLE `campaign_attachments` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`campaign_id` text NOT NULL,
	`filename` text NOT NULL,
	`content_type` text NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`shared` integer DEFAULT true NOT NULL,
	`data` blob NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `campaign_attachments_one_name` ON `campaign_attachments` (`campaign_id`,`filename`);--> statement-breakpoint
ALTER TABLE `campaigns` ADD `attachment_field` text;--> statement-breakpoint
ALTER TABLE `gmail_accounts` ADD `warmup` text;--> statement-breakpoint
ALTER TABLE `gmail_accounts` ADD `warmup_started_at` integer;--> statement-breakpoint
CREATE INDEX `send_jobs_by_campaign` ON `send_jobs` (`campaign_id`,`id`);