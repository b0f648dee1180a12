import { z } from 'zod';

/** An absolute http(s) URL: what every link in a job must be (z.url() alone also takes javascript:). */
export const httpUrl = z.url({ protocol: /^https?$/ }).max(2000);
