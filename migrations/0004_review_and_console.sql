CREATE TABLE `profile_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`digest_id` integer NOT NULL,
	`profile_id` integer NOT NULL,
	`action` text NOT NULL,
	`target` text,
	`before` text,
	`after` text,
	`actor` text NOT NULL,
	`at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`digest_id`) REFERENCES `digests`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`profile_id`) REFERENCES `digest_profiles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `profile_events_profile_idx` ON `profile_events` (`profile_id`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id_hash` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`csrf_secret` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`last_seen_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`ip` text,
	`user_agent` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `sign_in_failures` (
	`key` text PRIMARY KEY NOT NULL,
	`failures` integer DEFAULT 0 NOT NULL,
	`first_at` integer NOT NULL,
	`last_at` integer NOT NULL,
	`locked_until` integer
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`name` text,
	`role` text NOT NULL,
	`password_hash` text NOT NULL,
	`language` text DEFAULT 'en' NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`last_sign_in_at` integer,
	`password_changed_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);--> statement-breakpoint
ALTER TABLE `digest_profiles` ADD `text` text;--> statement-breakpoint
ALTER TABLE `digest_profiles` ADD `raw_answer` text;--> statement-breakpoint
ALTER TABLE `digest_profiles` ADD `prompt_version` text;--> statement-breakpoint
ALTER TABLE `digest_profiles` ADD `item_hashes` text;--> statement-breakpoint
ALTER TABLE `digest_profiles` ADD `composed_at` integer;--> statement-breakpoint
ALTER TABLE `digests` ADD `review_required` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `digests` ADD `model_digest` text;--> statement-breakpoint
ALTER TABLE `digests` ADD `grounding_replaced_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `digests` ADD `paused_reason` text;--> statement-breakpoint
ALTER TABLE `digests` ADD `approved_by` text;--> statement-breakpoint
ALTER TABLE `digests` ADD `approved_at` integer;--> statement-breakpoint
ALTER TABLE `topics` ADD `hidden` integer DEFAULT false NOT NULL;