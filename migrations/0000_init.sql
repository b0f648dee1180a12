CREATE TABLE `consent_records` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`subscriber_id` integer,
	`email_hash` text NOT NULL,
	`event` text NOT NULL,
	`at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`form` text,
	`consent_text` text,
	`consent_version` text,
	`ip` text,
	`user_agent` text,
	FOREIGN KEY (`subscriber_id`) REFERENCES `subscribers`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `consent_records_subscriber_idx` ON `consent_records` (`subscriber_id`);--> statement-breakpoint
CREATE INDEX `consent_records_hash_idx` ON `consent_records` (`email_hash`);--> statement-breakpoint
CREATE TABLE `deliveries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`digest_id` integer NOT NULL,
	`subscriber_id` integer,
	`status` text DEFAULT 'planned' NOT NULL,
	`profile_key` text,
	`item_ids` text DEFAULT '[]' NOT NULL,
	`composed_with` text,
	`message_id` text NOT NULL,
	`subject` text,
	`html` text,
	`text` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`error` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`sent_at` integer,
	FOREIGN KEY (`digest_id`) REFERENCES `digests`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`subscriber_id`) REFERENCES `subscribers`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `deliveries_digest_subscriber_unique` ON `deliveries` (`digest_id`,`subscriber_id`);--> statement-breakpoint
CREATE INDEX `deliveries_status_idx` ON `deliveries` (`digest_id`,`status`);--> statement-breakpoint
CREATE TABLE `digests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`period` text NOT NULL,
	`status` text DEFAULT 'planned' NOT NULL,
	`dry_run` integer DEFAULT false NOT NULL,
	`window_start` integer NOT NULL,
	`window_end` integer NOT NULL,
	`model` text,
	`item_count` integer DEFAULT 0 NOT NULL,
	`planned_count` integer DEFAULT 0 NOT NULL,
	`skipped_count` integer DEFAULT 0 NOT NULL,
	`profile_count` integer DEFAULT 0 NOT NULL,
	`llm_call_count` integer DEFAULT 0 NOT NULL,
	`composed_with_llm` integer DEFAULT 0 NOT NULL,
	`composed_without_llm` integer DEFAULT 0 NOT NULL,
	`sent_count` integer DEFAULT 0 NOT NULL,
	`failed_count` integer DEFAULT 0 NOT NULL,
	`error` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`started_at` integer,
	`finished_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `digests_period_live_unique` ON `digests` (`period`,`dry_run`) WHERE status NOT IN ('cancelled', 'failed');--> statement-breakpoint
CREATE TABLE `item_topics` (
	`item_id` integer NOT NULL,
	`topic_id` integer NOT NULL,
	PRIMARY KEY(`item_id`, `topic_id`),
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`topic_id`) REFERENCES `topics`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`normalized_title` text NOT NULL,
	`summary` text DEFAULT '' NOT NULL,
	`url` text,
	`authors` text DEFAULT '[]' NOT NULL,
	`date` integer NOT NULL,
	`language` text DEFAULT 'en' NOT NULL,
	`venue` text,
	`doi` text,
	`pdf_url` text,
	`external` integer DEFAULT false NOT NULL,
	`source` text DEFAULT 'admin' NOT NULL,
	`source_key` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `items_date_idx` ON `items` (`date`);--> statement-breakpoint
CREATE INDEX `items_doi_idx` ON `items` (`doi`);--> statement-breakpoint
CREATE INDEX `items_url_idx` ON `items` (`url`);--> statement-breakpoint
CREATE INDEX `items_title_idx` ON `items` (`normalized_title`);--> statement-breakpoint
CREATE UNIQUE INDEX `items_source_key_unique` ON `items` (`source`,`source_key`);--> statement-breakpoint
CREATE TABLE `llm_summaries` (
	`key` text PRIMARY KEY NOT NULL,
	`text` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `subscriber_topics` (
	`subscriber_id` integer NOT NULL,
	`topic_id` integer NOT NULL,
	PRIMARY KEY(`subscriber_id`, `topic_id`),
	FOREIGN KEY (`subscriber_id`) REFERENCES `subscribers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`topic_id`) REFERENCES `topics`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `subscribers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`name` text,
	`language` text DEFAULT 'en' NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`frequency` text DEFAULT 'monthly' NOT NULL,
	`paused` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`confirmed_at` integer,
	`unsubscribed_at` integer,
	`last_link_sent_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `subscribers_email_unique` ON `subscribers` (`email`);--> statement-breakpoint
CREATE INDEX `subscribers_status_idx` ON `subscribers` (`status`);--> statement-breakpoint
CREATE TABLE `topics` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`labels` text NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `topics_slug_unique` ON `topics` (`slug`);