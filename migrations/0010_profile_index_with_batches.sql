DROP INDEX `deliveries_profile_status_idx`;--> statement-breakpoint
CREATE INDEX `deliveries_profile_status_idx` ON `deliveries` (`digest_id`,`profile_key`,`status`,`send_batch`);