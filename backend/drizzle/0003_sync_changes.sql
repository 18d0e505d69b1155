CREATE TABLE `sync_changes` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`deleted` integer NOT NULL,
	`changed_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sync_changes_by_user` ON `sync_changes` (`user_id`,`seq`);--> statement-breakpoint
CREATE UNIQUE INDEX `sync_changes_one_per_entity` ON `sync_changes` (`entity`,`entity_id`);--> statement-breakpoint
-- Every change to a campaign the extension shows (a new version, new merge fields, a new status)
-- gets a new seq; INSERT OR REPLACE keeps one row per campaign, so the feed stays as small as the data.
CREATE TRIGGER `campaigns_sync_on_insert` AFTER INSERT ON `campaigns` BEGIN
	INSERT OR REPLACE INTO `sync_changes` (`user_id`, `entity`, `entity_id`, `deleted`, `changed_at`)
	VALUES (NEW.`user_id`, 'campaign', NEW.`id`, 0, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;--> statement-breakpoint
CREATE TRIGGER `campaigns_sync_on_update` AFTER UPDATE ON `campaigns`
WHEN NEW.`version` IS NOT OLD.`version` OR NEW.`fields` IS NOT OLD.`fields` OR NEW.`status` IS NOT OLD.`status` BEGIN
	INSERT OR REPLACE INTO `sync_changes` (`user_id`, `entity`, `entity_id`, `deleted`, `changed_at`)
	VALUES (NEW.`user_id`, 'campaign', NEW.`id`, 0, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;--> statement-breakpoint
CREATE TRIGGER `campaigns_sync_on_delete` AFTER DELETE ON `campaigns` BEGIN
	INSERT OR REPLACE INTO `sync_changes` (`user_id`, `entity`, `entity_id`, `deleted`, `changed_at`)
	VALUES (OLD.`user_id`, 'campaign', OLD.`id`, 1, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;--> statement-breakpoint
-- Campaigns created before the feed existed: each gets its first change.
INSERT INTO `sync_changes` (`user_id`, `entity`, `entity_id`, `deleted`, `changed_at`)
SELECT `user_id`, 'campaign', `id`, 0, `updated_at` FROM `campaigns` ORDER BY `updated_at`;
