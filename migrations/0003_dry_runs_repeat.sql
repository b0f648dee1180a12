DROP INDEX `digests_period_live_unique`;--> statement-breakpoint
CREATE UNIQUE INDEX `digests_period_live_unique` ON `digests` (`period`) WHERE dry_run = 0 AND status NOT IN ('cancelled', 'failed');