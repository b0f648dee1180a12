/** What the reader agrees to when ticking the box. Changing it means bumping CONSENT_VERSION (src/subscribers/consent.ts). */
export const consent =
  'I agree to receive a monthly email digest from this research group about the topics I chose. ' +
  'My address and choices are stored only to send it; I can change them, download my data, ' +
  'unsubscribe or delete my data at any time through the link in every email.';
