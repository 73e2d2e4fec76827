import { ProgramSchedulePolicy } from './program-schedule.policy';

const program = { startDate: '2027-03-01', endDate: '2027-03-14' };

describe('ProgramSchedulePolicy', () => {
  it('accepts legs in order that share the travel day', () => {
    const legs = [
      { startDate: '2027-03-01', endDate: '2027-03-07' },
      { startDate: '2027-03-07', endDate: '2027-03-10' },
      { startDate: '2027-03-11', endDate: '2027-03-14' },
    ];
    expect(ProgramSchedulePolicy.check(program, legs)).toEqual([]);
    expect(ProgramSchedulePolicy.check(program, [])).toEqual([]);
  });

  it('names the leg field that leaves the program dates', () => {
    const errors = ProgramSchedulePolicy.check(program, [{ startDate: '2027-02-28', endDate: '2027-03-15' }]);
    expect(errors.map((e) => e.field)).toEqual(['legs.0.startDate', 'legs.0.endDate']);
  });

  it('refuses a leg that ends before it starts', () => {
    expect(ProgramSchedulePolicy.check(program, [{ startDate: '2027-03-05', endDate: '2027-03-04' }]).map((e) => e.field)).toEqual(['legs.0.endDate']);
  });

  it('refuses overlapping or out-of-order legs', () => {
    const errors = ProgramSchedulePolicy.check(program, [
      { startDate: '2027-03-01', endDate: '2027-03-07' },
      { startDate: '2027-03-05', endDate: '2027-03-09' },
    ]);
    expect(errors.map((e) => e.field)).toEqual(['legs.1.startDate']);
  });

  it('blames the program dates when only they moved', () => {
    const errors = ProgramSchedulePolicy.check({ startDate: '2027-03-03', endDate: '2027-03-05' }, [{ startDate: '2027-03-01', endDate: '2027-03-07' }], true);
    expect(errors.map((e) => e.field)).toEqual(['startDate', 'endDate']);
  });

  it('refuses a program that ends before it starts, before looking at legs', () => {
    expect(ProgramSchedulePolicy.check({ startDate: '2027-03-05', endDate: '2027-03-01' }, [{ startDate: 'x', endDate: 'y' }])).toEqual([
      { field: 'endDate', messages: ['endDate must not be before startDate'] },
    ]);
  });
});
