/** A wait in minutes as days, hours and minutes, the two largest parts that matter. */
export interface WaitParts {
  days: number;
  hours: number;
  minutes: number;
}

export function waitParts(totalMinutes: number): WaitParts {
  const minutes = Math.max(0, Math.floor(totalMinutes));
  return {
    days: Math.floor(minutes / 1440),
    hours: Math.floor((minutes % 1440) / 60),
    minutes: minutes % 60,
  };
}

/** Which message shows a wait: "3 d 4 h", "4 h 12 min" or "12 min". */
export function waitShape(parts: WaitParts): 'days' | 'hours' | 'minutes' {
  if (parts.days > 0) return 'days';
  if (parts.hours > 0) return 'hours';
  return 'minutes';
}
