const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** The macros BibTeX's standard styles (plain.bst and its kin) define, which files use without defining. */
export const STANDARD_MACROS: Array<[string, string]> = [
  ...MONTHS.map((m, i): [string, string] => [m, MONTH_NAMES[i]!]),
  ['acmcs', 'ACM Computing Surveys'],
  ['acta', 'Acta Informatica'],
  ['cacm', 'Communications of the ACM'],
  ['ibmjrd', 'IBM Journal of Research and Development'],
  ['ibmsj', 'IBM Systems Journal'],
  ['ieeese', 'IEEE Transactions on Software Engineering'],
  ['ieeetc', 'IEEE Transactions on Computers'],
  ['ieeetcad', 'IEEE Transactions on Computer-Aided Design of Integrated Circuits'],
  ['ipl', 'Information Processing Letters'],
  ['jacm', 'Journal of the ACM'],
  ['jcss', 'Journal of Computer and System Sciences'],
  ['scp', 'Science of Computer Programming'],
  ['sicomp', 'SIAM Journal on Computing'],
  ['tocs', 'ACM Transactions on Computer Systems'],
  ['tods', 'ACM Transactions on Database Systems'],
  ['tog', 'ACM Transactions on Graphics'],
  ['toms', 'ACM Transactions on Mathematical Software'],
  ['toois', 'ACM Transactions on Office Information Systems'],
  ['toplas', 'ACM Transactions on Programming Languages and Systems'],
  ['tcs', 'Theoretical Computer Science'],
];
