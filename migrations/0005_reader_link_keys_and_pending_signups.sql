CREATE TABLE `pending_signups` (
	`subscriber_id` integer PRIMARY KEY NOT NULL,
	`name` text,
	`language` text NOT NULL,
	`topics` text NOT NULL,
	`nonce` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`subscriber_id`) REFERENCES `subscribers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `subscribers` ADD `link_key` text;