ALTER TABLE `gmail_accounts` ADD `type` text DEFAULT 'workspace' NOT NULL;--> statement-breakpoint
ALTER TABLE `gmail_accounts` ADD `tokens_granted_at` integer;--> statement-breakpoint
-- gmail.com and googlemail.com addresses are consumer Gmail accounts (Google's 500-a-day limit), as account-types.ts decides at connect.
UPDATE `gmail_accounts` SET `type` = 'consumer' WHERE lower(`email`) LIKE '%@gmail.com' OR lower(`email`) LIKE '%@googlemail.com';
