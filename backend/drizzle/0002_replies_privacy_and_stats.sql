DROP INDEX `tracking_events_by_campaign_kind_recipient`;--> statement-breakpoint
DROP INDEX `tracking_events_by_campaign_time`;--> statement-breakpoint
CREATE INDEX `tracking_events_by_campaign_kind_recipient` ON `tracking_events` (`campaign_id`,`kind`,`machine`,`step`,`recipient_id`);--> statement-breakpoint
CREATE INDEX `tracking_events_by_campaign_time` ON `tracking_events` (`campaign_id`,`occurred_at`,`kind`,`machine`);--> statement-breakpoint
ALTER TABLE `gmail_accounts` ADD `replies_checked_at` integer;--> statement-breakpoint
ALTER TABLE `users` ADD `truncate_ip_addresses` integer DEFAULT false NOT NULL;