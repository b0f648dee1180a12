/** The console's settings and health pages, in one language. Plain text: pages escape it. */
export interface SettingsStrings {
  title: string;
  healthHeading: string;
  service: string;
  state: string;
  details: string;
  ok: string;
  problem: string;
  outboxMode: string;
  redis: string;
  /** "Redis {version} answered PING." */
  redisOk: string;
  /** "No answer: {error}" */
  redisFailed: string;
  ollama: string;
  /** "Ollama {version} at {host}; the model {model} is pulled." */
  ollamaReady: string;
  /** "Ollama {version} at {host} has no model {model} (run: ollama pull {model}). Digests are written without the model." */
  ollamaNoModel: string;
  /** "Ollama is not reachable at {host} ({error}). Digests are written without the model." */
  ollamaUnreachable: string;
  smtp: string;
  /** "The SMTP server at {host} accepted the connection." */
  smtpOk: string;
  /** "The SMTP server at {host} did not: {error}" */
  smtpFailed: string;
  /** "No SMTP_URL: emails are written as files to {dir}." */
  smtpOutbox: string;
  database: string;
  /** "{path}, {size}; {applied} of {known} migrations applied." */
  databaseDetails: string;
  testHeading: string;
  testIntro: string;
  testAddress: string;
  testButton: string;
  /** "A test email went to {email}." */
  testSent: string;
  /** "The test email could not be sent: {error}" */
  testFailed: string;
  testInvalid: string;
  /** "{org}: a test email from the console" */
  testSubject: string;
  /** "This is a test email sent from the {org} console by {user}. Mail goes out." */
  testBody: string;
  settingsHeading: string;
  settingsIntro: string;
  setting: string;
  value: string;
  notSet: string;
  masked: string;
}
