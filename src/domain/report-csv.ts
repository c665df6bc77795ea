/** A value a report cell may hold. */
export type CsvValue = string | number | boolean | null;

/**
 * Rows as RFC 4180 CSV with a header line. Text that a spreadsheet would run as a formula
 * (starting with = + - @, tab or carriage return) is prefixed with an apostrophe: report cells
 * hold names people typed, and opening an export must never execute one.
 */
export function toCsv(
  columns: readonly string[],
  rows: ReadonlyArray<readonly CsvValue[]>,
): string {
  const lines = [columns.map(cell).join(',')];
  for (const row of rows) lines.push(row.map(cell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

function cell(value: CsvValue): string {
  if (value === null) return '';
  if (typeof value !== 'string') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
