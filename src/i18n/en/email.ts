import type { EmailStrings } from '../email-strings.js';
import { dates } from './dates.js';

/** English text of the emails. */
export const email: EmailStrings = {
  greeting: 'Hi {name},',
  greetingNoName: 'Hello,',
  layout: {
    preferences: 'Change your topics, language or pause',
    unsubscribe: 'Unsubscribe',
    why: 'You receive this email because you subscribed to news from {org}.',
    contact: 'Contact',
  },
  confirm: {
    subject: 'Confirm your subscription to {org}',
    preview: 'One click to start receiving the monthly digest of {org}.',
    body: 'Please confirm that you want to receive the monthly digest of {org}: new projects, publications and news on the topics you chose.',
    button: 'Confirm my subscription',
    orPaste: 'If the button does not work, copy this link into your browser:',
    ignore: 'If you did not ask for this, ignore this email: you will not be subscribed and we will not write again.',
  },
  manage: {
    subject: 'Your link to manage your {org} subscription',
    preview: 'Change your topics or language, pause or unsubscribe.',
    body: 'Here is your personal link to change your topics or language, pause the digest, download or delete your data.',
    button: 'Manage my preferences',
    orPaste: 'If the button does not work, copy this link into your browser:',
    personal: 'This link is personal: please do not forward this email.',
    ignore: 'If you did not ask for this link, you can ignore this email.',
  },
  dataExport: {
    subject: 'Your data held by {org}',
    preview: 'Your link to download your data; it works for 24 hours.',
    body: 'You asked to download the data {org} keeps about your subscription. This link works for 24 hours.',
    button: 'Download my data',
    orPaste: 'If the button does not work, copy this link into your browser:',
    personal: 'The file holds your personal data: please do not forward this email.',
    ignore: 'If you did not ask for this, you can ignore this email: the link stops working by itself.',
  },
  digest: {
    subject: '{month} {year} at {org}: {counts}',
    subjectEmpty: '{month} {year} at {org}',
    months: dates.months,
    counts: {
      publication: { one: '{n} publication', other: '{n} publications' },
      project: { one: '{n} project', other: '{n} projects' },
      news: { one: '{n} news', other: '{n} news' },
      event: { one: '{n} event', other: '{n} events' },
      newcomer: { one: '{n} new team member', other: '{n} new team members' },
    },
    headings: { publication: 'Publications', project: 'Projects', news: 'News', upcoming: 'Coming up', team: 'New in the team' },
    where: 'Where:',
    photo: 'Photo',
    heading: 'What is new at {org}',
    authors: 'By',
    etAl: 'et al.',
    venue: 'In',
    doi: 'DOI',
    read: 'Read more',
    matchedTopics: 'Your topics',
    external: 'Work of external collaborators',
    llmNote:
      'This digest was written with a language model that runs on computers of {org}: nothing about you was sent to an outside service. Titles, authors and links come from our records; the short notes were written by the model and may contain mistakes.',
    fallbackNote: 'This digest was assembled automatically from our records, without the language model.',
    reviewedNote: 'Before it was sent, this digest was reviewed and approved by the people of {org}.',
    reportError: 'Spotted an error? Please tell us at {contact}.',
  },
  review: {
    testPrefix: '[Test] ',
    readySubject: 'The {period} digest of {org} is ready for review',
    readyBody: 'The {period} digest is composed: {profiles} versions of the text for {readers} readers. Nothing is sent until an admin approves it.',
    readyLink: 'Review and approve it here:',
  },
};
