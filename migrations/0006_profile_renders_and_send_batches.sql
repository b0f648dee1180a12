ALTER TABLE `deliveries` ADD `send_batch` integer;--> statement-breakpoint
CREATE INDEX `deliveries_send_batch_idx` ON `deliveries` (`digest_id`,`send_batch`);--> statement-breakpoint
ALTER TABLE `digest_profiles` ADD `render` text;