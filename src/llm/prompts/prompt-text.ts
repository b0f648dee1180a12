/** The fixed words of a tailoring prompt in one language; the data block goes between `before` and `after`. */
export interface PromptText {
  system: string;
  before: string;
  after: string;
}
