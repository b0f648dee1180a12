CREATE TABLE `digest_profiles` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`digest_id` integer NOT NULL,
	`key` text NOT NULL,
	`language` text NOT NULL,
	`topic_slugs` text NOT NULL,
	`candidate_ids` text NOT NULL,
	`composed_with` text,
	`llm_error` text,
	FOREIGN KEY (`digest_id`) REFERENCES `digests`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `digest_profiles_digest_key_unique` ON `digest_profiles` (`digest_id`,`key`);--> statement-breakpoint
ALTER TABLE `deliveries` ADD `email` text NOT NULL;