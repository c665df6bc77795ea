/** A value a report cell may hold. */
type CsvValue = string | number | boolean | null;

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

/** A report's nested measures as (measure, value) rows: `firstResponse.medianSeconds, 1800`. */
export function measureRows(measures: object, prefix = ''): Array<[string, CsvValue]> {
  const rows: Array<[string, CsvValue]> = [];
  for (const [key, value] of Object.entries(measures)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object') rows.push(...measureRows(value, name));
    else rows.push([name, value as CsvValue]);
  }
  return rows;
}

/** Items of one shape as CSV, one column per key of the first item. */
export function itemsToCsv(items: readonly object[]): string {
  const columns = Object.keys(items[0] ?? {});
  return toCsv(
    columns,
    items.map((item) => {
      const cells = new Map(Object.entries(item));
      return columns.map((column) => (cells.get(column) ?? null) as CsvValue);
    }),
  );
}
