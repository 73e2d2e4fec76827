import type { FieldError } from '@diplomacy/service-kit';

export interface DateSpan {
  startDate: string;
  endDate: string;
}

/**
 * Where a program's legs may lie: each inside the program's dates, in travel
 * order, and not overlapping, except that one leg may begin on the day the
 * previous one ends (the travel day between cities).
 *
 * Dates are ISO `YYYY-MM-DD` strings, which compare correctly as strings.
 */
export class ProgramSchedulePolicy {
  /**
   * @param blameProgramDates when the request changed only the program's dates,
   *   a leg that no longer fits is the dates' fault, so the error names them.
   */
  static check(program: DateSpan, legs: readonly DateSpan[], blameProgramDates = false): FieldError[] {
    if (program.endDate < program.startDate) return [{ field: 'endDate', messages: ['endDate must not be before startDate'] }];
    const errors: FieldError[] = [];
    const add = (field: string, message: string) => {
      const existing = errors.find((e) => e.field === field);
      if (existing) existing.messages.push(message);
      else errors.push({ field, messages: [message] });
    };
    legs.forEach((leg, index) => {
      const path = `legs.${index}`;
      if (leg.endDate < leg.startDate) add(`${path}.endDate`, 'a leg must not end before it starts');
      if (leg.startDate < program.startDate) {
        if (blameProgramDates) add('startDate', `leg ${index} starts on ${leg.startDate}, before the program would start`);
        else add(`${path}.startDate`, `a leg must not start before the program (${program.startDate})`);
      }
      if (leg.endDate > program.endDate) {
        if (blameProgramDates) add('endDate', `leg ${index} ends on ${leg.endDate}, after the program would end`);
        else add(`${path}.endDate`, `a leg must not end after the program (${program.endDate})`);
      }
      const previous = legs[index - 1];
      if (previous && leg.startDate < previous.endDate) {
        add(`${path}.startDate`, `a leg must not start before the previous leg ends (${previous.endDate})`);
      }
    });
    return errors;
  }
}
