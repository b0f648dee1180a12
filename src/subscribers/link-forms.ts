import { z } from 'zod';
import { emailSchema } from './email-address.js';
import { formBody } from './form-inputs.js';

// The small forms that stand behind a link or ask for one.

/** "Email me a link to my preferences": the address. */
export const manageFormSchema = formBody(z.object({ email: emailSchema }));

/** The word mailbox providers send for an RFC 8058 one-click unsubscribe. */
const ONE_CLICK = 'One-Click';

/**
 * The unsubscribe POST: the page's button, or a mailbox provider's one-click request (form or multipart).
 * Never fails: whatever else arrives, the link alone unsubscribes.
 */
export const unsubscribeFormSchema = formBody(
  z.object({
    'List-Unsubscribe': z.string().optional().catch(undefined).describe(`"${ONE_CLICK}" for RFC 8058; the answer is then plain text.`),
    confirm: z.string().optional().catch(undefined).describe('The page button’s hidden field.'),
  }),
).transform((body) => ({ oneClick: body['List-Unsubscribe'] === ONE_CLICK }));
