CREATE TABLE `bounce_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`subscriber_id` integer NOT NULL,
	`delivery_id` integer,
	`kind` text NOT NULL,
	`status` text,
	`diagnostic` text,
	`recipient` text,
	`source` text NOT NULL,
	`matched_by` text NOT NULL,
	`message_id` text,
	`received_at` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`subscriber_id`) REFERENCES `subscribers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`delivery_id`) REFERENCES `deliveries`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `bounce_events_subscriber_idx` ON `bounce_events` (`subscriber_id`);--> statement-breakpoint
CREATE INDEX `bounce_events_delivery_idx` ON `bounce_events` (`delivery_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `bounce_events_source_message_unique` ON `bounce_events` (`source`,`message_id`);