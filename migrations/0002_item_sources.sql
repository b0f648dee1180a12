CREATE TABLE `item_sources` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`item_id` integer NOT NULL,
	`source` text NOT NULL,
	`source_key` text NOT NULL,
	`doi` text,
	`url` text,
	`pdf_url` text,
	`normalized_title` text NOT NULL,
	`data` text NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `item_sources_source_key_unique` ON `item_sources` (`source`,`source_key`);--> statement-breakpoint
CREATE INDEX `item_sources_item_idx` ON `item_sources` (`item_id`);--> statement-breakpoint
CREATE INDEX `item_sources_doi_idx` ON `item_sources` (`doi`);--> statement-breakpoint
CREATE INDEX `item_sources_url_idx` ON `item_sources` (`url`);--> statement-breakpoint
CREATE INDEX `item_sources_title_idx` ON `item_sources` (`normalized_title`);