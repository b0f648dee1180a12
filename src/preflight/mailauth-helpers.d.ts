// mailauth ships these helpers without typings; only the parts preflight uses are declared here.
declare module 'mailauth/lib/tools.js' {
  /** The entry whose organizational domain (Public Suffix List) matches the From domain's, or false. */
  export function getAlignment(fromDomain: string, domainList: string[], strict?: boolean): { domain: string } | false;
}

declare module 'mailauth/lib/dmarc/get-dmarc-record.js' {
  /** The DMARC record of a domain, or of its organizational domain; false when there is none. */
  export default function getDmarcRecord(
    domain: string,
    resolver?: (name: string, rrtype: string) => Promise<string[][]>,
  ): Promise<false | ({ p?: string; sp?: string; rr: string; isOrgRecord: boolean } & Record<string, unknown>)>;
}
