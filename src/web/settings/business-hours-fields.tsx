import { useState, type FormEvent } from 'react';
import { weekdays } from '../../domain/business-hours.ts';
import type { BusinessHoursInput } from './sla-client.ts';
import { splitList } from './split-list.ts';

type Props = {
  idPrefix: string;
  initial: BusinessHoursInput;
  readOnly: boolean;
  pending: boolean;
  onSubmit: (input: BusinessHoursInput) => void;
};

type Day = { open: boolean; start: string; end: string };

const dayName = (day: string) => day[0]!.toUpperCase() + day.slice(1);

/** Zone, one opening interval per weekday (or 24/7), holidays and the out-of-hours reply. */
export function BusinessHoursFields({ idPrefix, initial, readOnly, pending, onSubmit }: Props) {
  const [alwaysOpen, setAlwaysOpen] = useState(initial.alwaysOpen);
  const [timeZone, setTimeZone] = useState(initial.timeZone);
  const [days, setDays] = useState<Record<string, Day>>(() =>
    Object.fromEntries(
      weekdays.map((day) => {
        const first = initial.week[day]?.[0];
        return [day, { open: !!first, start: first?.start ?? '09:00', end: first?.end ?? '17:00' }];
      }),
    ),
  );
  const [holidays, setHolidays] = useState(initial.holidays.join(', '));
  const [acknowledgement, setAcknowledgement] = useState(initial.acknowledgement ?? '');
  const [group, setGroup] = useState(initial.followTheSunGroup ?? '');
  const setDay = (day: string, change: Partial<Day>) =>
    setDays({ ...days, [day]: { ...days[day]!, ...change } });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const week: BusinessHoursInput['week'] = {};
    for (const day of weekdays) {
      const value = days[day]!;
      if (value.open) week[day] = [{ start: value.start, end: value.end }];
    }
    onSubmit({
      alwaysOpen,
      timeZone: timeZone.trim(),
      week,
      holidays: splitList(holidays),
      acknowledgement: acknowledgement.trim() || null,
      followTheSunGroup: group.trim() || null,
    });
  };
  const id = (name: string) => `${idPrefix}-${name}`;
  return (
    <form onSubmit={submit} aria-label="Business hours">
      <fieldset disabled={readOnly}>
        <legend>Opening hours</legend>
        <div className="field field--inline">
          <input
            id={id('always')}
            type="checkbox"
            checked={alwaysOpen}
            onChange={(event) => setAlwaysOpen(event.target.checked)}
          />
          <label htmlFor={id('always')}>Open 24/7</label>
        </div>
        <div className="field">
          <label htmlFor={id('zone')}>Time zone</label>
          <input
            id={id('zone')}
            required
            value={timeZone}
            placeholder="Europe/Berlin"
            onChange={(event) => setTimeZone(event.target.value)}
          />
        </div>
        {alwaysOpen
          ? null
          : weekdays.map((day) => (
              <div className="field field--inline hours-day" key={day}>
                <input
                  id={id(`${day}-open`)}
                  type="checkbox"
                  checked={days[day]!.open}
                  onChange={(event) => setDay(day, { open: event.target.checked })}
                />
                <label htmlFor={id(`${day}-open`)}>{dayName(day)}</label>
                <label htmlFor={id(`${day}-start`)} className="visually-hidden">
                  {dayName(day)} opens
                </label>
                <input
                  id={id(`${day}-start`)}
                  type="time"
                  disabled={!days[day]!.open}
                  value={days[day]!.start}
                  onChange={(event) => setDay(day, { start: event.target.value })}
                />
                <label htmlFor={id(`${day}-end`)} className="visually-hidden">
                  {dayName(day)} closes
                </label>
                <input
                  id={id(`${day}-end`)}
                  type="time"
                  disabled={!days[day]!.open}
                  value={days[day]!.end}
                  onChange={(event) => setDay(day, { end: event.target.value })}
                />
              </div>
            ))}
        <div className="field">
          <label htmlFor={id('holidays')}>Holidays (YYYY-MM-DD, comma-separated)</label>
          <input
            id={id('holidays')}
            value={holidays}
            onChange={(event) => setHolidays(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={id('ack')}>Out-of-hours reply (must contain {'{{opensAt}}'})</label>
          <textarea
            id={id('ack')}
            rows={3}
            maxLength={280}
            value={acknowledgement}
            onChange={(event) => setAcknowledgement(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={id('group')}>Follow-the-sun group</label>
          <input
            id={id('group')}
            value={group}
            onChange={(event) => setGroup(event.target.value)}
          />
        </div>
      </fieldset>
      {readOnly ? null : (
        <button type="submit" className="button button--primary" disabled={pending}>
          Save business hours
        </button>
      )}
    </form>
  );
}
