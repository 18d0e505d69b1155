CREATE TABLE `analytics_accounts` (
	`campaign_id` text NOT NULL,
	`account_id` text NOT NULL,
	`sent` integer NOT NULL,
	`replied` integer NOT NULL,
	`bounced` integer NOT NULL,
	PRIMARY KEY(`campaign_id`, `account_id`),
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `analytics_event_firsts` (
	`campaign_id` text NOT NULL,
	`recipient_id` integer NOT NULL,
	`kind` text NOT NULL,
	`who` text NOT NULL,
	`step` integer NOT NULL,
	PRIMARY KEY(`campaign_id`, `recipient_id`, `kind`, `who`, `step`),
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `analytics_events` (
	`campaign_id` text NOT NULL,
	`kind` text NOT NULL,
	`who` text NOT NULL,
	`step` integer NOT NULL,
	`events` integer NOT NULL,
	`recipients` integer NOT NULL,
	PRIMARY KEY(`campaign_id`, `kind`, `who`, `step`),
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `analytics_link_firsts` (
	`campaign_id` text NOT NULL,
	`recipient_id` integer NOT NULL,
	`step` integer NOT NULL,
	`link_index` integer NOT NULL,
	`url` text NOT NULL,
	PRIMARY KEY(`campaign_id`, `recipient_id`, `step`, `link_index`, `url`),
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `analytics_links` (
	`campaign_id` text NOT NULL,
	`step` integer NOT NULL,
	`link_index` integer NOT NULL,
	`url` text NOT NULL,
	`clicks` integer NOT NULL,
	`unique_human` integer NOT NULL,
	`first_job_id` integer,
	PRIMARY KEY(`campaign_id`, `step`, `link_index`, `url`),
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `analytics_quarters` (
	`campaign_id` text NOT NULL,
	`quarter` integer NOT NULL,
	`sent` integer NOT NULL,
	`human_opens` integer NOT NULL,
	`machine_opens` integer NOT NULL,
	`human_clicks` integer NOT NULL,
	`machine_clicks` integer NOT NULL,
	`replies` integer NOT NULL,
	`bounces` integer NOT NULL,
	`unsubscribes` integer NOT NULL,
	PRIMARY KEY(`campaign_id`, `quarter`),
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `analytics_recipients` (
	`campaign_id` text NOT NULL,
	`status` text NOT NULL,
	`recipients` integer NOT NULL,
	PRIMARY KEY(`campaign_id`, `status`),
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `analytics_steps` (
	`campaign_id` text NOT NULL,
	`step` integer NOT NULL,
	`sent` integer NOT NULL,
	`tracked` integer NOT NULL,
	PRIMARY KEY(`campaign_id`, `step`),
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
-- Hand-written below: the triggers that keep the analytics counters (schema.ts, "Analytics counters")
-- in the same transaction as the rows they count, then the backfill of existing databases.
-- Counters only grow by INSERT ... ON CONFLICT DO UPDATE; they shrink only by UPDATE, so a row a
-- campaign's deletion has already removed (foreign-key cascade) is never inserted again.
--
-- An event adds to the analytics_events rows the stats read: every step (-1) as `any` and as its own
-- who (person or machine), and a person's also to its step.
CREATE TRIGGER `analytics_on_event` AFTER INSERT ON `tracking_events` BEGIN
	INSERT INTO `analytics_events` (`campaign_id`, `kind`, `who`, `step`, `events`, `recipients`)
	SELECT NEW.`campaign_id`, NEW.`kind`, c.who, c.step, 1, 0
	FROM (SELECT 'any' AS who, -1 AS step UNION ALL SELECT CASE WHEN NEW.`machine` THEN 'machine' ELSE 'person' END, -1
	      UNION ALL SELECT 'person', coalesce(NEW.`step`, 0) WHERE NOT NEW.`machine`) AS c
	WHERE true
	ON CONFLICT DO UPDATE SET `events` = `events` + 1;
	-- Ignored when the recipient already had one: the distinct count grows only on a first.
	INSERT OR IGNORE INTO `analytics_event_firsts` (`campaign_id`, `recipient_id`, `kind`, `who`, `step`)
	SELECT NEW.`campaign_id`, NEW.`recipient_id`, NEW.`kind`, c.who, c.step
	FROM (SELECT 'any' AS who, -1 AS step UNION ALL SELECT CASE WHEN NEW.`machine` THEN 'machine' ELSE 'person' END, -1
	      UNION ALL SELECT 'person', coalesce(NEW.`step`, 0) WHERE NOT NEW.`machine`) AS c;
	INSERT INTO `analytics_links` (`campaign_id`, `step`, `link_index`, `url`, `clicks`, `unique_human`, `first_job_id`)
	SELECT NEW.`campaign_id`, coalesce(NEW.`step`, 0), coalesce(NEW.`link_index`, -1),
	       CASE WHEN NEW.`link_index` IS NULL THEN coalesce(NEW.`url`, '') ELSE '' END, 1, 0, CASE WHEN NEW.`link_index` IS NOT NULL THEN NEW.`job_id` END
	WHERE NEW.`kind` = 'click'
	ON CONFLICT DO UPDATE SET `clicks` = `clicks` + 1,
		`first_job_id` = CASE WHEN `first_job_id` IS NULL OR excluded.`first_job_id` < `first_job_id` THEN excluded.`first_job_id` ELSE `first_job_id` END;
	INSERT OR IGNORE INTO `analytics_link_firsts` (`campaign_id`, `recipient_id`, `step`, `link_index`, `url`)
	SELECT NEW.`campaign_id`, NEW.`recipient_id`, coalesce(NEW.`step`, 0), coalesce(NEW.`link_index`, -1),
	       CASE WHEN NEW.`link_index` IS NULL THEN coalesce(NEW.`url`, '') ELSE '' END
	WHERE NEW.`kind` = 'click' AND NOT NEW.`machine`;
	INSERT INTO `analytics_quarters` (`campaign_id`, `quarter`, `sent`, `human_opens`, `machine_opens`, `human_clicks`, `machine_clicks`, `replies`, `bounces`, `unsubscribes`)
	VALUES (NEW.`campaign_id`, NEW.`occurred_at` / 900000, 0,
		NEW.`kind` = 'open' AND NOT NEW.`machine`, NEW.`kind` = 'open' AND NEW.`machine`,
		NEW.`kind` = 'click' AND NOT NEW.`machine`, NEW.`kind` = 'click' AND NEW.`machine`,
		NEW.`kind` = 'reply', NEW.`kind` = 'bounce', NEW.`kind` = 'unsubscribe')
	ON CONFLICT DO UPDATE SET
		`human_opens` = `human_opens` + excluded.`human_opens`, `machine_opens` = `machine_opens` + excluded.`machine_opens`,
		`human_clicks` = `human_clicks` + excluded.`human_clicks`, `machine_clicks` = `machine_clicks` + excluded.`machine_clicks`,
		`replies` = `replies` + excluded.`replies`, `bounces` = `bounces` + excluded.`bounces`, `unsubscribes` = `unsubscribes` + excluded.`unsubscribes`;
END;--> statement-breakpoint
CREATE TRIGGER `analytics_on_event_first` AFTER INSERT ON `analytics_event_firsts` BEGIN
	UPDATE `analytics_events` SET `recipients` = `recipients` + 1
	WHERE `campaign_id` = NEW.`campaign_id` AND `kind` = NEW.`kind` AND `who` = NEW.`who` AND `step` = NEW.`step`;
END;--> statement-breakpoint
CREATE TRIGGER `analytics_on_event_first_gone` AFTER DELETE ON `analytics_event_firsts` BEGIN
	UPDATE `analytics_events` SET `recipients` = `recipients` - 1
	WHERE `campaign_id` = OLD.`campaign_id` AND `kind` = OLD.`kind` AND `who` = OLD.`who` AND `step` = OLD.`step`;
END;--> statement-breakpoint
CREATE TRIGGER `analytics_on_link_first` AFTER INSERT ON `analytics_link_firsts` BEGIN
	UPDATE `analytics_links` SET `unique_human` = `unique_human` + 1
	WHERE `campaign_id` = NEW.`campaign_id` AND `step` = NEW.`step` AND `link_index` = NEW.`link_index` AND `url` = NEW.`url`;
END;--> statement-breakpoint
CREATE TRIGGER `analytics_on_link_first_gone` AFTER DELETE ON `analytics_link_firsts` BEGIN
	UPDATE `analytics_links` SET `unique_human` = `unique_human` - 1
	WHERE `campaign_id` = OLD.`campaign_id` AND `step` = OLD.`step` AND `link_index` = OLD.`link_index` AND `url` = OLD.`url`;
END;--> statement-breakpoint
-- A click relabelled as a scanner's (tracking/event-writer.ts) moves from person to machine. The
-- recipient stops counting as a person only when no other event of theirs says person: each check
-- is a seek or two in tracking_events_by_campaign_kind_recipient (campaign, kind, machine, step,
-- recipient). An event without a step counts as step 0, as everywhere in the counters.
CREATE TRIGGER `analytics_on_event_relabel` AFTER UPDATE OF `machine` ON `tracking_events` WHEN OLD.`machine` IS NOT NEW.`machine` BEGIN
	UPDATE `analytics_events` SET `events` = `events` - 1
	WHERE `campaign_id` = NEW.`campaign_id` AND `kind` = NEW.`kind`
	  AND ((`who` = CASE WHEN OLD.`machine` THEN 'machine' ELSE 'person' END AND `step` = -1)
	    OR (NOT OLD.`machine` AND `who` = 'person' AND `step` = coalesce(NEW.`step`, 0)));
	INSERT INTO `analytics_events` (`campaign_id`, `kind`, `who`, `step`, `events`, `recipients`)
	SELECT NEW.`campaign_id`, NEW.`kind`, c.who, c.step, 1, 0
	FROM (SELECT CASE WHEN NEW.`machine` THEN 'machine' ELSE 'person' END AS who, -1 AS step
	      UNION ALL SELECT 'person', coalesce(NEW.`step`, 0) WHERE NOT NEW.`machine`) AS c
	WHERE true
	ON CONFLICT DO UPDATE SET `events` = `events` + 1;
	INSERT OR IGNORE INTO `analytics_event_firsts` (`campaign_id`, `recipient_id`, `kind`, `who`, `step`)
	SELECT NEW.`campaign_id`, NEW.`recipient_id`, NEW.`kind`, c.who, c.step
	FROM (SELECT CASE WHEN NEW.`machine` THEN 'machine' ELSE 'person' END AS who, -1 AS step
	      UNION ALL SELECT 'person', coalesce(NEW.`step`, 0) WHERE NOT NEW.`machine`) AS c;
	-- No longer a person at this step, then at any step, unless another event of theirs says so.
	DELETE FROM `analytics_event_firsts`
	WHERE NOT OLD.`machine` AND `campaign_id` = NEW.`campaign_id` AND `recipient_id` = NEW.`recipient_id` AND `kind` = NEW.`kind`
	  AND `who` = 'person' AND `step` = coalesce(NEW.`step`, 0)
	  AND NOT EXISTS (SELECT 1 FROM `tracking_events` AS e WHERE e.`campaign_id` = NEW.`campaign_id` AND e.`kind` = NEW.`kind`
	    AND e.`machine` = 0 AND (e.`step` = coalesce(NEW.`step`, 0) OR (coalesce(NEW.`step`, 0) = 0 AND e.`step` IS NULL))
	    AND e.`recipient_id` = NEW.`recipient_id`);
	DELETE FROM `analytics_event_firsts`
	WHERE NOT OLD.`machine` AND `campaign_id` = NEW.`campaign_id` AND `recipient_id` = NEW.`recipient_id` AND `kind` = NEW.`kind`
	  AND `who` = 'person' AND `step` = -1
	  AND NOT EXISTS (SELECT 1 FROM `analytics_event_firsts` AS f WHERE f.`campaign_id` = NEW.`campaign_id` AND f.`recipient_id` = NEW.`recipient_id`
	    AND f.`kind` = NEW.`kind` AND f.`who` = 'person' AND f.`step` >= 0);
	-- Machine to person: the writer never does it, so this reads the campaign's machine events of the kind.
	DELETE FROM `analytics_event_firsts`
	WHERE OLD.`machine` AND `campaign_id` = NEW.`campaign_id` AND `recipient_id` = NEW.`recipient_id` AND `kind` = NEW.`kind`
	  AND `who` = 'machine' AND `step` = -1
	  AND NOT EXISTS (SELECT 1 FROM `tracking_events` AS e WHERE e.`campaign_id` = NEW.`campaign_id` AND e.`kind` = NEW.`kind`
	    AND e.`machine` = 1 AND e.`recipient_id` = NEW.`recipient_id`);
	INSERT OR IGNORE INTO `analytics_link_firsts` (`campaign_id`, `recipient_id`, `step`, `link_index`, `url`)
	SELECT NEW.`campaign_id`, NEW.`recipient_id`, coalesce(NEW.`step`, 0), coalesce(NEW.`link_index`, -1),
	       CASE WHEN NEW.`link_index` IS NULL THEN coalesce(NEW.`url`, '') ELSE '' END
	WHERE NEW.`kind` = 'click' AND NOT NEW.`machine`;
	DELETE FROM `analytics_link_firsts`
	WHERE NEW.`kind` = 'click' AND NEW.`machine` AND `campaign_id` = NEW.`campaign_id` AND `recipient_id` = NEW.`recipient_id`
	  AND `step` = coalesce(NEW.`step`, 0) AND `link_index` = coalesce(NEW.`link_index`, -1)
	  AND `url` = CASE WHEN NEW.`link_index` IS NULL THEN coalesce(NEW.`url`, '') ELSE '' END
	  AND NOT EXISTS (SELECT 1 FROM `tracking_events` AS e WHERE e.`campaign_id` = NEW.`campaign_id` AND e.`kind` = 'click'
	    AND e.`machine` = 0 AND (e.`step` = coalesce(NEW.`step`, 0) OR (coalesce(NEW.`step`, 0) = 0 AND e.`step` IS NULL))
	    AND e.`recipient_id` = NEW.`recipient_id`
	    AND e.`link_index` IS NEW.`link_index` AND (NEW.`link_index` IS NOT NULL OR e.`url` IS NEW.`url`));
	UPDATE `analytics_quarters` SET
		`human_opens` = `human_opens` + (NEW.`kind` = 'open') * (OLD.`machine` - NEW.`machine`),
		`machine_opens` = `machine_opens` + (NEW.`kind` = 'open') * (NEW.`machine` - OLD.`machine`),
		`human_clicks` = `human_clicks` + (NEW.`kind` = 'click') * (OLD.`machine` - NEW.`machine`),
		`machine_clicks` = `machine_clicks` + (NEW.`kind` = 'click') * (NEW.`machine` - OLD.`machine`)
	WHERE `campaign_id` = NEW.`campaign_id` AND `quarter` = NEW.`occurred_at` / 900000;
END;--> statement-breakpoint
-- An erasure takes the URL off a person's events (people/erase-person.ts). A click recorded without a
-- link index is counted under its URL: it moves to the row without one, and a row left with no click
-- goes, so the address a merged URL may hold is not kept here either.
CREATE TRIGGER `analytics_on_event_url` AFTER UPDATE OF `url` ON `tracking_events`
WHEN NEW.`kind` = 'click' AND NEW.`link_index` IS NULL AND OLD.`url` IS NOT NEW.`url` BEGIN
	UPDATE `analytics_links` SET `clicks` = `clicks` - 1
	WHERE `campaign_id` = NEW.`campaign_id` AND `step` = coalesce(NEW.`step`, 0) AND `link_index` = -1 AND `url` = coalesce(OLD.`url`, '');
	INSERT INTO `analytics_links` (`campaign_id`, `step`, `link_index`, `url`, `clicks`, `unique_human`, `first_job_id`)
	VALUES (NEW.`campaign_id`, coalesce(NEW.`step`, 0), -1, coalesce(NEW.`url`, ''), 1, 0, NULL)
	ON CONFLICT DO UPDATE SET `clicks` = `clicks` + 1;
	INSERT OR IGNORE INTO `analytics_link_firsts` (`campaign_id`, `recipient_id`, `step`, `link_index`, `url`)
	SELECT NEW.`campaign_id`, NEW.`recipient_id`, coalesce(NEW.`step`, 0), -1, coalesce(NEW.`url`, '') WHERE NOT NEW.`machine`;
	DELETE FROM `analytics_link_firsts`
	WHERE `campaign_id` = NEW.`campaign_id` AND `recipient_id` = NEW.`recipient_id` AND `step` = coalesce(NEW.`step`, 0) AND `link_index` = -1
	  AND `url` = coalesce(OLD.`url`, '')
	  AND NOT EXISTS (SELECT 1 FROM `tracking_events` AS e WHERE e.`campaign_id` = NEW.`campaign_id` AND e.`kind` = 'click'
	    AND e.`machine` = 0 AND (e.`step` = coalesce(NEW.`step`, 0) OR (coalesce(NEW.`step`, 0) = 0 AND e.`step` IS NULL))
	    AND e.`recipient_id` = NEW.`recipient_id` AND e.`link_index` IS NULL AND coalesce(e.`url`, '') = coalesce(OLD.`url`, ''));
	DELETE FROM `analytics_links`
	WHERE `campaign_id` = NEW.`campaign_id` AND `step` = coalesce(NEW.`step`, 0) AND `link_index` = -1 AND `url` = coalesce(OLD.`url`, '') AND `clicks` = 0;
END;--> statement-breakpoint
-- Recipients by status: added, changed (replies, bounces, unsubscribes, sending, erasure) and deleted
-- (retention, a campaign's deletion). A change of a first message's recipient to or from replied or
-- bounced moves the count of the account that sent that message.
CREATE TRIGGER `analytics_on_recipient_insert` AFTER INSERT ON `recipients` BEGIN
	INSERT INTO `analytics_recipients` (`campaign_id`, `status`, `recipients`) VALUES (NEW.`campaign_id`, NEW.`status`, 1)
	ON CONFLICT DO UPDATE SET `recipients` = `recipients` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `analytics_on_recipient_status` AFTER UPDATE OF `status` ON `recipients` WHEN OLD.`status` IS NOT NEW.`status` BEGIN
	UPDATE `analytics_recipients` SET `recipients` = `recipients` - 1 WHERE `campaign_id` = OLD.`campaign_id` AND `status` = OLD.`status`;
	INSERT INTO `analytics_recipients` (`campaign_id`, `status`, `recipients`) VALUES (NEW.`campaign_id`, NEW.`status`, 1)
	ON CONFLICT DO UPDATE SET `recipients` = `recipients` + 1;
	UPDATE `analytics_accounts` SET
		`replied` = `replied` + (NEW.`status` = 'replied') - (OLD.`status` = 'replied'),
		`bounced` = `bounced` + (NEW.`status` = 'bounced') - (OLD.`status` = 'bounced')
	WHERE `campaign_id` = NEW.`campaign_id`
	  AND `account_id` = (SELECT `account_id` FROM `send_jobs` WHERE `recipient_id` = NEW.`id` AND `step` = 0 AND `status` = 'sent');
END;--> statement-breakpoint
-- BEFORE: the recipient's jobs are still there (a foreign-key cascade deletes them with it); their
-- own trigger then finds no recipient and leaves replied and bounced alone.
CREATE TRIGGER `analytics_on_recipient_delete` BEFORE DELETE ON `recipients` BEGIN
	UPDATE `analytics_recipients` SET `recipients` = `recipients` - 1 WHERE `campaign_id` = OLD.`campaign_id` AND `status` = OLD.`status`;
	UPDATE `analytics_accounts` SET `replied` = `replied` - (OLD.`status` = 'replied'), `bounced` = `bounced` - (OLD.`status` = 'bounced')
	WHERE OLD.`status` IN ('replied', 'bounced') AND `campaign_id` = OLD.`campaign_id`
	  AND `account_id` = (SELECT `account_id` FROM `send_jobs` WHERE `recipient_id` = OLD.`id` AND `step` = 0 AND `status` = 'sent');
END;--> statement-breakpoint
-- Sent messages: per step, per account and per quarter hour. A job counts while its status is
-- 'sent'; an update takes away what the old row counted and adds what the new one does.
CREATE TRIGGER `analytics_on_job_insert` AFTER INSERT ON `send_jobs` WHEN NEW.`status` = 'sent' BEGIN
	INSERT INTO `analytics_steps` (`campaign_id`, `step`, `sent`, `tracked`) VALUES (NEW.`campaign_id`, NEW.`step`, 1, NEW.`tracked`)
	ON CONFLICT DO UPDATE SET `sent` = `sent` + 1, `tracked` = `tracked` + excluded.`tracked`;
	INSERT INTO `analytics_accounts` (`campaign_id`, `account_id`, `sent`, `replied`, `bounced`)
	SELECT NEW.`campaign_id`, NEW.`account_id`, 1, coalesce(NEW.`step` = 0 AND r.`status` = 'replied', 0), coalesce(NEW.`step` = 0 AND r.`status` = 'bounced', 0)
	FROM (SELECT (SELECT `status` FROM `recipients` WHERE `id` = NEW.`recipient_id`) AS `status`) AS r
	WHERE NEW.`account_id` IS NOT NULL
	ON CONFLICT DO UPDATE SET `sent` = `sent` + 1, `replied` = `replied` + excluded.`replied`, `bounced` = `bounced` + excluded.`bounced`;
	INSERT INTO `analytics_quarters` (`campaign_id`, `quarter`, `sent`, `human_opens`, `machine_opens`, `human_clicks`, `machine_clicks`, `replies`, `bounces`, `unsubscribes`)
	SELECT NEW.`campaign_id`, NEW.`sent_at` / 900000, 1, 0, 0, 0, 0, 0, 0, 0 WHERE NEW.`sent_at` IS NOT NULL
	ON CONFLICT DO UPDATE SET `sent` = `sent` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `analytics_on_job_update` AFTER UPDATE OF `status`, `step`, `tracked`, `account_id`, `sent_at` ON `send_jobs`
WHEN OLD.`status` = 'sent' OR NEW.`status` = 'sent' BEGIN
	UPDATE `analytics_steps` SET `sent` = `sent` - 1, `tracked` = `tracked` - OLD.`tracked`
	WHERE OLD.`status` = 'sent' AND `campaign_id` = OLD.`campaign_id` AND `step` = OLD.`step`;
	UPDATE `analytics_accounts` SET `sent` = `sent` - 1,
		`replied` = `replied` - coalesce(OLD.`step` = 0 AND (SELECT `status` FROM `recipients` WHERE `id` = OLD.`recipient_id`) = 'replied', 0),
		`bounced` = `bounced` - coalesce(OLD.`step` = 0 AND (SELECT `status` FROM `recipients` WHERE `id` = OLD.`recipient_id`) = 'bounced', 0)
	WHERE OLD.`status` = 'sent' AND `campaign_id` = OLD.`campaign_id` AND `account_id` = OLD.`account_id`;
	UPDATE `analytics_quarters` SET `sent` = `sent` - 1
	WHERE OLD.`status` = 'sent' AND `campaign_id` = OLD.`campaign_id` AND `quarter` = OLD.`sent_at` / 900000;
	INSERT INTO `analytics_steps` (`campaign_id`, `step`, `sent`, `tracked`) SELECT NEW.`campaign_id`, NEW.`step`, 1, NEW.`tracked` WHERE NEW.`status` = 'sent'
	ON CONFLICT DO UPDATE SET `sent` = `sent` + 1, `tracked` = `tracked` + excluded.`tracked`;
	INSERT INTO `analytics_accounts` (`campaign_id`, `account_id`, `sent`, `replied`, `bounced`)
	SELECT NEW.`campaign_id`, NEW.`account_id`, 1, coalesce(NEW.`step` = 0 AND r.`status` = 'replied', 0), coalesce(NEW.`step` = 0 AND r.`status` = 'bounced', 0)
	FROM (SELECT (SELECT `status` FROM `recipients` WHERE `id` = NEW.`recipient_id`) AS `status`) AS r
	WHERE NEW.`status` = 'sent' AND NEW.`account_id` IS NOT NULL
	ON CONFLICT DO UPDATE SET `sent` = `sent` + 1, `replied` = `replied` + excluded.`replied`, `bounced` = `bounced` + excluded.`bounced`;
	INSERT INTO `analytics_quarters` (`campaign_id`, `quarter`, `sent`, `human_opens`, `machine_opens`, `human_clicks`, `machine_clicks`, `replies`, `bounces`, `unsubscribes`)
	SELECT NEW.`campaign_id`, NEW.`sent_at` / 900000, 1, 0, 0, 0, 0, 0, 0, 0 WHERE NEW.`status` = 'sent' AND NEW.`sent_at` IS NOT NULL
	ON CONFLICT DO UPDATE SET `sent` = `sent` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `analytics_on_job_delete` AFTER DELETE ON `send_jobs` WHEN OLD.`status` = 'sent' BEGIN
	UPDATE `analytics_steps` SET `sent` = `sent` - 1, `tracked` = `tracked` - OLD.`tracked`
	WHERE `campaign_id` = OLD.`campaign_id` AND `step` = OLD.`step`;
	UPDATE `analytics_accounts` SET `sent` = `sent` - 1,
		`replied` = `replied` - coalesce(OLD.`step` = 0 AND (SELECT `status` FROM `recipients` WHERE `id` = OLD.`recipient_id`) = 'replied', 0),
		`bounced` = `bounced` - coalesce(OLD.`step` = 0 AND (SELECT `status` FROM `recipients` WHERE `id` = OLD.`recipient_id`) = 'bounced', 0)
	WHERE `campaign_id` = OLD.`campaign_id` AND `account_id` = OLD.`account_id`;
	UPDATE `analytics_quarters` SET `sent` = `sent` - 1 WHERE `campaign_id` = OLD.`campaign_id` AND `quarter` = OLD.`sent_at` / 900000;
END;--> statement-breakpoint
-- Backfill: the counters of the rows already there (kept in sync with analytics/counter-recompute.ts,
-- which the tests compare them to). The firsts' triggers above count the distinct recipients.
INSERT INTO `analytics_recipients` (`campaign_id`, `status`, `recipients`)
SELECT `campaign_id`, `status`, count(*) FROM `recipients` GROUP BY `campaign_id`, `status`;--> statement-breakpoint
INSERT INTO `analytics_steps` (`campaign_id`, `step`, `sent`, `tracked`)
SELECT `campaign_id`, `step`, count(*), sum(`tracked`) FROM `send_jobs` WHERE `status` = 'sent' GROUP BY `campaign_id`, `step`;--> statement-breakpoint
INSERT INTO `analytics_accounts` (`campaign_id`, `account_id`, `sent`, `replied`, `bounced`)
SELECT j.`campaign_id`, j.`account_id`, count(*),
       coalesce(sum(j.`step` = 0 AND r.`status` = 'replied'), 0), coalesce(sum(j.`step` = 0 AND r.`status` = 'bounced'), 0)
FROM `send_jobs` AS j LEFT JOIN `recipients` AS r ON r.`id` = j.`recipient_id`
WHERE j.`status` = 'sent' AND j.`account_id` IS NOT NULL GROUP BY j.`campaign_id`, j.`account_id`;--> statement-breakpoint
INSERT INTO `analytics_events` (`campaign_id`, `kind`, `who`, `step`, `events`, `recipients`)
SELECT e.`campaign_id`, e.`kind`, CASE c.who WHEN 'own' THEN CASE WHEN e.`machine` THEN 'machine' ELSE 'person' END ELSE c.who END, CASE WHEN c.every_step THEN -1 ELSE coalesce(e.`step`, 0) END, count(*), 0
FROM `tracking_events` AS e
JOIN (SELECT 'any' AS who, 1 AS every_step UNION ALL SELECT 'own', 1 UNION ALL SELECT 'person', 0) AS c ON c.who <> 'person' OR NOT e.`machine`
GROUP BY 1, 2, 3, 4;--> statement-breakpoint
INSERT INTO `analytics_event_firsts` (`campaign_id`, `recipient_id`, `kind`, `who`, `step`)
SELECT DISTINCT e.`campaign_id`, e.`recipient_id`, e.`kind`, CASE c.who WHEN 'own' THEN CASE WHEN e.`machine` THEN 'machine' ELSE 'person' END ELSE c.who END, CASE WHEN c.every_step THEN -1 ELSE coalesce(e.`step`, 0) END
FROM `tracking_events` AS e
JOIN (SELECT 'any' AS who, 1 AS every_step UNION ALL SELECT 'own', 1 UNION ALL SELECT 'person', 0) AS c ON c.who <> 'person' OR NOT e.`machine`;--> statement-breakpoint
INSERT INTO `analytics_links` (`campaign_id`, `step`, `link_index`, `url`, `clicks`, `unique_human`, `first_job_id`)
SELECT `campaign_id`, coalesce(`step`, 0), coalesce(`link_index`, -1), CASE WHEN `link_index` IS NULL THEN coalesce(`url`, '') ELSE '' END, count(*), 0,
       min(CASE WHEN `link_index` IS NOT NULL THEN `job_id` END)
FROM `tracking_events` WHERE `kind` = 'click' GROUP BY 1, 2, 3, 4;--> statement-breakpoint
INSERT INTO `analytics_link_firsts` (`campaign_id`, `recipient_id`, `step`, `link_index`, `url`)
SELECT DISTINCT `campaign_id`, `recipient_id`, coalesce(`step`, 0), coalesce(`link_index`, -1), CASE WHEN `link_index` IS NULL THEN coalesce(`url`, '') ELSE '' END
FROM `tracking_events` WHERE `kind` = 'click' AND NOT `machine`;--> statement-breakpoint
INSERT INTO `analytics_quarters` (`campaign_id`, `quarter`, `sent`, `human_opens`, `machine_opens`, `human_clicks`, `machine_clicks`, `replies`, `bounces`, `unsubscribes`)
SELECT `campaign_id`, `occurred_at` / 900000, 0,
       sum(`kind` = 'open' AND NOT `machine`), sum(`kind` = 'open' AND `machine`), sum(`kind` = 'click' AND NOT `machine`), sum(`kind` = 'click' AND `machine`),
       sum(`kind` = 'reply'), sum(`kind` = 'bounce'), sum(`kind` = 'unsubscribe')
FROM `tracking_events` GROUP BY 1, 2;--> statement-breakpoint
INSERT INTO `analytics_quarters` (`campaign_id`, `quarter`, `sent`, `human_opens`, `machine_opens`, `human_clicks`, `machine_clicks`, `replies`, `bounces`, `unsubscribes`)
SELECT `campaign_id`, `sent_at` / 900000, count(*), 0, 0, 0, 0, 0, 0, 0
FROM `send_jobs` WHERE `status` = 'sent' AND `sent_at` IS NOT NULL GROUP BY 1, 2
ON CONFLICT DO UPDATE SET `sent` = excluded.`sent`;
