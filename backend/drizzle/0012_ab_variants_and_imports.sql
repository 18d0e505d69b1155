CREATE TABLE `analytics_variants` (
	`campaign_id` text NOT NULL,
	`step` integer NOT NULL,
	`variant` integer NOT NULL,
	`sent` integer NOT NULL,
	`tracked` integer NOT NULL,
	`replied` integer NOT NULL,
	`human_opens` integer NOT NULL,
	`human_clicks` integer NOT NULL,
	`bounced` integer NOT NULL,
	`unsubscribed` integer NOT NULL,
	`last_sent_at` integer,
	PRIMARY KEY(`campaign_id`, `step`, `variant`),
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `recipient_imports` (
	`id` text PRIMARY KEY NOT NULL,
	`campaign_id` text NOT NULL,
	`user_id` text NOT NULL,
	`status` text NOT NULL,
	`rows` integer DEFAULT 0 NOT NULL,
	`started_at` integer NOT NULL,
	`touched_at` integer NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `recipient_imports_by_status` ON `recipient_imports` (`status`,`touched_at`);--> statement-breakpoint
ALTER TABLE `campaigns` ADD `variants` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `ab_test` text;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `ab_decision` text;--> statement-breakpoint
ALTER TABLE `recipients` ADD `import_id` text;--> statement-breakpoint
ALTER TABLE `send_jobs` ADD `variant` integer;--> statement-breakpoint
ALTER TABLE `send_jobs` ADD `split_key` integer;--> statement-breakpoint
-- A/B variants' counters (issue 18), kept like migration 0010's: a job counts while it is 'sent' and
-- has a variant; an update takes away what the old row counted and adds what the new one does. The
-- WHEN clauses keep the triggers off every job of a step without variants.
CREATE TRIGGER `analytics_variant_on_job_insert` AFTER INSERT ON `send_jobs` WHEN NEW.`status` = 'sent' AND NEW.`variant` IS NOT NULL BEGIN
	INSERT INTO `analytics_variants` (`campaign_id`, `step`, `variant`, `sent`, `tracked`, `replied`, `human_opens`, `human_clicks`, `bounced`, `unsubscribed`, `last_sent_at`)
	VALUES (NEW.`campaign_id`, NEW.`step`, NEW.`variant`, 1, NEW.`tracked`, 0, 0, 0, 0, 0, NEW.`sent_at`)
	ON CONFLICT DO UPDATE SET `sent` = `sent` + 1, `tracked` = `tracked` + excluded.`tracked`,
		`last_sent_at` = max(coalesce(`last_sent_at`, 0), coalesce(excluded.`last_sent_at`, 0));
END;--> statement-breakpoint
CREATE TRIGGER `analytics_variant_on_job_update` AFTER UPDATE OF `status`, `step`, `tracked`, `variant`, `sent_at` ON `send_jobs`
WHEN (OLD.`status` = 'sent' AND OLD.`variant` IS NOT NULL) OR (NEW.`status` = 'sent' AND NEW.`variant` IS NOT NULL) BEGIN
	UPDATE `analytics_variants` SET `sent` = `sent` - 1, `tracked` = `tracked` - OLD.`tracked`
	WHERE OLD.`status` = 'sent' AND OLD.`variant` IS NOT NULL
	  AND `campaign_id` = OLD.`campaign_id` AND `step` = OLD.`step` AND `variant` = OLD.`variant`;
	INSERT INTO `analytics_variants` (`campaign_id`, `step`, `variant`, `sent`, `tracked`, `replied`, `human_opens`, `human_clicks`, `bounced`, `unsubscribed`, `last_sent_at`)
	SELECT NEW.`campaign_id`, NEW.`step`, NEW.`variant`, 1, NEW.`tracked`, 0, 0, 0, 0, 0, NEW.`sent_at`
	WHERE NEW.`status` = 'sent' AND NEW.`variant` IS NOT NULL
	ON CONFLICT DO UPDATE SET `sent` = `sent` + 1, `tracked` = `tracked` + excluded.`tracked`,
		`last_sent_at` = max(coalesce(`last_sent_at`, 0), coalesce(excluded.`last_sent_at`, 0));
END;--> statement-breakpoint
CREATE TRIGGER `analytics_variant_on_job_delete` AFTER DELETE ON `send_jobs` WHEN OLD.`status` = 'sent' AND OLD.`variant` IS NOT NULL BEGIN
	UPDATE `analytics_variants` SET `sent` = `sent` - 1, `tracked` = `tracked` - OLD.`tracked`
	WHERE `campaign_id` = OLD.`campaign_id` AND `step` = OLD.`step` AND `variant` = OLD.`variant`;
END;--> statement-breakpoint
-- A person's first event of a kind in answer to a step (analytics_event_firsts, who = 'person', that
-- step) counts for the variant of their job of that step: send_jobs_one_per_recipient_step finds it.
CREATE TRIGGER `analytics_variant_on_event_first` AFTER INSERT ON `analytics_event_firsts`
WHEN NEW.`who` = 'person' AND NEW.`step` >= 0 AND NEW.`kind` IN ('open', 'click', 'reply', 'bounce', 'unsubscribe') BEGIN
	UPDATE `analytics_variants` SET
		`human_opens` = `human_opens` + (NEW.`kind` = 'open'), `human_clicks` = `human_clicks` + (NEW.`kind` = 'click'),
		`replied` = `replied` + (NEW.`kind` = 'reply'), `bounced` = `bounced` + (NEW.`kind` = 'bounce'),
		`unsubscribed` = `unsubscribed` + (NEW.`kind` = 'unsubscribe')
	WHERE `campaign_id` = NEW.`campaign_id` AND `step` = NEW.`step`
	  AND `variant` = (SELECT `variant` FROM `send_jobs` WHERE `recipient_id` = NEW.`recipient_id` AND `step` = NEW.`step`);
END;--> statement-breakpoint
CREATE TRIGGER `analytics_variant_on_event_first_gone` AFTER DELETE ON `analytics_event_firsts`
WHEN OLD.`who` = 'person' AND OLD.`step` >= 0 AND OLD.`kind` IN ('open', 'click', 'reply', 'bounce', 'unsubscribe') BEGIN
	UPDATE `analytics_variants` SET
		`human_opens` = `human_opens` - (OLD.`kind` = 'open'), `human_clicks` = `human_clicks` - (OLD.`kind` = 'click'),
		`replied` = `replied` - (OLD.`kind` = 'reply'), `bounced` = `bounced` - (OLD.`kind` = 'bounce'),
		`unsubscribed` = `unsubscribed` - (OLD.`kind` = 'unsubscribe')
	WHERE `campaign_id` = OLD.`campaign_id` AND `step` = OLD.`step`
	  AND `variant` = (SELECT `variant` FROM `send_jobs` WHERE `recipient_id` = OLD.`recipient_id` AND `step` = OLD.`step`);
END;
