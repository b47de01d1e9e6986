export type DurationParts =
  | { unit: "days"; days: number; hours: number }
  | { unit: "hours"; hours: number; minutes: number }
  | { unit: "minutes"; minutes: number };

/** How long a deal sat in a stage, in the two largest units worth reading: "3 d 4 h", "5 h 10 min", "7 min". */
export const durationParts = (seconds: number): DurationParts => {
  const totalMinutes = Math.max(0, Math.floor(seconds / 60));
  const days = Math.floor(totalMinutes / (24 * 60));
  const hours = Math.floor((totalMinutes % (24 * 60)) / 60);
  const minutes = totalMinutes % 60;
  if (days > 0) return { unit: "days", days, hours };
  if (hours > 0) return { unit: "hours", hours, minutes };
  return { unit: "minutes", minutes };
};
