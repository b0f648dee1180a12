CREATE TABLE `people` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`role` text,
	`photo_url` text,
	`bio` text DEFAULT '' NOT NULL,
	`start_date` integer,
	`links` text DEFAULT '[]' NOT NULL,
	`alumni` integer DEFAULT false NOT NULL,
	`source` text DEFAULT 'admin' NOT NULL,
	`source_key` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `people_source_key_unique` ON `people` (`source`,`source_key`);--> statement-breakpoint
CREATE INDEX `people_name_idx` ON `people` (`name`);--> statement-breakpoint
ALTER TABLE `items` ADD `end_date` integer;--> statement-breakpoint
ALTER TABLE `items` ADD `starts_at` integer;--> statement-breakpoint
ALTER TABLE `items` ADD `ends_at` integer;--> statement-breakpoint
ALTER TABLE `items` ADD `location` text;