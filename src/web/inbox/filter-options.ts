export type FilterOption = { value: string; label: string };

export const priorityOptions: FilterOption[] = [
  { value: '25', label: 'Normal and above' },
  { value: '50', label: 'High and above' },
  { value: '75', label: 'Urgent only' },
];

export const ratingOptions: FilterOption[] = [
  { value: '1', label: '★ 1' },
  { value: '1,2', label: '★ 1–2' },
  { value: '1,2,3', label: '★ 1–3' },
  { value: '4,5', label: '★ 4–5' },
  { value: '5', label: '★ 5' },
];

export const toOptions = (labels: Record<string, string>): FilterOption[] =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

/** An option's label, or the value itself when no option has it (a value typed in the URL). */
export const labelOf = (options: FilterOption[], value: string): string =>
  options.find((option) => option.value === value)?.label ?? value;
