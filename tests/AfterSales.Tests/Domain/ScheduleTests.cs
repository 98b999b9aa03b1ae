using AfterSales.Domain;
using AfterSales.Domain.Scheduling;

namespace AfterSales.Tests.Domain;

/// <summary>SCH-1 roster rules: time-off blocks, weekly hours, and which wins on a given day.</summary>
public sealed class ScheduleTests
{
    private static readonly SchedulePolicy Company = new();
    private static readonly DateOnly Monday = new(2026, 11, 30);
    private static readonly DateOnly Sunday = new(2026, 12, 6);
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 2, 0, 0, TimeSpan.Zero);

    private static TimeOff Block(int first, int last, TimeOffKind kind = TimeOffKind.Leave) =>
        new(7, kind, Monday.AddDays(first), Monday.AddDays(last), null, 1, Now);

    [Fact]
    public void Time_off_ending_before_it_starts_or_longer_than_a_year_is_refused()
    {
        var backwards = Assert.Throws<DomainException>(() => Block(2, 1));
        Assert.Equal(("TimeOffEndsBeforeStart", "LastDay"), (backwards.Code, backwards.Field));
        Assert.Equal("TimeOffTooLong", Assert.Throws<DomainException>(() => Block(0, TimeOff.MaxDays)).Code);
        Assert.Equal(TimeOff.MaxDays, Block(0, TimeOff.MaxDays - 1).LastDay.DayNumber - Monday.DayNumber + 1);
        Assert.Equal(Monday, Block(0, 0).LastDay); // one day: first = last
    }

    [Theory]
    [InlineData(0, 2, true)]   // same start
    [InlineData(4, 6, true)]   // shares the last day
    [InlineData(-3, 0, true)]  // shares the first day
    [InlineData(5, 9, false)]  // the day after
    [InlineData(-3, -1, false)] // the day before
    [InlineData(-1, 9, true)]  // encloses
    public void Blocks_overlap_when_they_share_a_day(int first, int last, bool overlaps) =>
        Assert.Equal(overlaps, Block(0, 4).Overlaps(Monday.AddDays(first), Monday.AddDays(last)));

    [Fact]
    public void The_overlap_rule_names_the_block_already_there()
    {
        var existing = new[] { Block(10, 12, TimeOffKind.Trip), Block(0, 4) };
        TimeOffMustNotOverlapRule.Check(Monday.AddDays(5), Monday.AddDays(9), existing); // fits between
        var clash = Assert.Throws<DomainException>(() => TimeOffMustNotOverlapRule.Check(Monday.AddDays(8), Monday.AddDays(11), existing));
        Assert.Equal("TimeOffOverlaps", clash.Code);
        Assert.Equal(new LocalizedArgument("TimeOffKind.Trip"), clash.Arguments[0]);
        Assert.Equal(new object[] { "2026-12-10", "2026-12-12" }, clash.Arguments[1..]);
    }

    [Fact]
    public void Working_hours_need_both_ends_in_order_or_none()
    {
        Assert.Equal("HoursNeedStartAndEnd", Assert.Throws<DomainException>(() => new WorkingHours(7, DayOfWeek.Monday, new TimeOnly(9, 0), null)).Code);
        Assert.Equal("HoursEndBeforeStart", Assert.Throws<DomainException>(() => new WorkingHours(7, DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(9, 0))).Code);
        Assert.True(new WorkingHours(7, DayOfWeek.Monday, null, null).IsOff);
    }

    [Fact]
    public void The_company_week_is_Monday_to_Saturday_from_half_past_eight_to_half_past_five()
    {
        var monday = Roster.DayFor(Monday, Company, [], []);
        Assert.Equal(new Hours(new TimeOnly(8, 30), new TimeOnly(17, 30)), monday.Hours);
        Assert.False(monday.OwnPattern);
        Assert.True(monday.IsWorkingAt(new TimeOnly(8, 30)));
        Assert.False(monday.IsWorkingAt(new TimeOnly(17, 30)));
        Assert.False(monday.IsWorkingAt(new TimeOnly(8, 29)));
        Assert.True(Roster.DayFor(Monday.AddDays(5), Company, [], []).IsWorking);
        Assert.False(Roster.DayFor(Sunday, Company, [], []).IsWorking);
    }

    [Fact]
    public void A_persons_own_hours_override_the_company_day_by_day_and_time_off_overrides_both()
    {
        WorkingHours[] own = [new(7, DayOfWeek.Sunday, new TimeOnly(9, 0), new TimeOnly(12, 0)), new(7, DayOfWeek.Monday, null, null)];

        var sunday = Roster.DayFor(Sunday, Company, own, []);
        Assert.Equal(new Hours(new TimeOnly(9, 0), new TimeOnly(12, 0)), sunday.Hours);
        Assert.True(sunday.OwnPattern);
        Assert.False(Roster.DayFor(Monday, Company, own, []).IsWorking);
        Assert.Equal(Company.For(DayOfWeek.Tuesday), Roster.DayFor(Monday.AddDays(1), Company, own, []).Hours); // not overridden

        var trip = Roster.DayFor(Sunday, Company, own, [Block(5, 7, TimeOffKind.Trip)]);
        Assert.False(trip.IsWorking);
        Assert.Equal(TimeOffKind.Trip, trip.TimeOff);
    }

    [Fact]
    public void The_company_week_is_configuration()
    {
        var shorter = Company with { WorkDays = [DayOfWeek.Monday], DayStart = new TimeOnly(9, 0), DayEnd = new TimeOnly(18, 0) };
        Assert.Equal(new Hours(new TimeOnly(9, 0), new TimeOnly(18, 0)), Roster.DayFor(Monday, shorter, [], []).Hours);
        Assert.False(Roster.DayFor(Monday.AddDays(1), shorter, [], []).IsWorking);
        Assert.Throws<InvalidOperationException>(() => (Company with { DayEnd = new TimeOnly(8, 0) }).Validated());
    }

    [Fact]
    public void Skill_tags_are_trimmed_kept_once_ignoring_case_and_limited()
    {
        Assert.Equal(["卫浴", "AC"], TechnicianSkill.Normalize(["卫浴", " ac ", "  ", "卫浴", "AC"]).Select(t => t.ToUpperInvariant()));
        Assert.Equal("SkillTooLong", Assert.Throws<DomainException>(() => TechnicianSkill.Normalize([new string('x', TechnicianSkill.MaxLength + 1)])).Code);
        Assert.Equal("TooManySkills", Assert.Throws<DomainException>(() =>
            TechnicianSkill.Normalize(Enumerable.Range(0, TechnicianSkill.MaxPerPerson + 1).Select(i => $"t{i}"))).Code);
        Assert.Equal("Required", Assert.Throws<DomainException>(() => new TechnicianSkill(1, " ")).Code);
    }
}
