using AfterSales.Domain;
using AfterSales.Domain.Attendance;
using AfterSales.Domain.WorkOrders;

namespace AfterSales.Tests.Domain;

/// <summary>The location rules of ATT-1 and the special cases of ASM-6, without a database.</summary>
public sealed class AttendanceRulesTests
{
    private static readonly DateTimeOffset Nine = new(2026, 11, 27, 9, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void ATT1_a_check_in_farther_than_the_limit_is_an_anomaly_keyed_by_the_visit()
    {
        var far = CheckInTooFarFromSite.Check(7, 31, 12, Nine, 5000, 1000);
        Assert.NotNull(far);
        Assert.Equal((AnomalyRule.CheckInFarFromSite, "7:checkin:visit31", 12, 5000d), (far.Rule, far.Key, far.WorkOrderId, far.MetersAway));
        Assert.Null(CheckInTooFarFromSite.Check(7, 31, 12, Nine, 1000, 1000));
        Assert.Null(CheckInTooFarFromSite.Check(7, 31, 12, Nine, null, 1000)); // the site has no coordinates, or no position
        Assert.Null(CheckInTooFarFromSite.Check(7, 31, 12, null, 5000, 1000));
    }

    [Fact]
    public void ATT1_each_ended_working_hour_slot_without_a_fix_is_one_anomaly_with_a_stable_key()
    {
        var end = Nine.AddHours(8);
        var fixes = new[] { Nine.AddMinutes(10), Nine.AddMinutes(130), Nine.AddMinutes(179) };
        var now = Nine.AddHours(4).AddMinutes(30);
        var found = NoPositionTooLong.Check(3, Nine, end, fixes, TimeSpan.FromHours(1), now).ToList();
        // 9–10 has a fix, 10–11 none, 11–12 two, 12–13 none; 13–14 has not ended yet.
        Assert.Equal([Nine.AddHours(1), Nine.AddHours(3)], found.Select(f => f.At));
        Assert.All(found, f => Assert.Equal(f.At.AddHours(1), f.Until));
        Assert.Equal("3:nopos:202611270200", found[0].Key);
        Assert.Equal(found.Select(f => f.Key), NoPositionTooLong.Check(3, Nine, end, fixes, TimeSpan.FromHours(1), now).Select(f => f.Key));
        // At the end of the day every slot has been judged, and a slot that would run past the hours is not.
        Assert.Equal(5, NoPositionTooLong.Check(3, Nine, Nine.AddHours(7).AddMinutes(30), fixes, TimeSpan.FromHours(1), end.AddDays(1)).Count());
    }

    [Fact]
    public void ATT1_a_job_is_missed_when_no_fix_during_its_appointment_came_near_the_site()
    {
        const double lat = 24.48, lng = 118.09;
        var start = Nine;
        var end = Nine.AddHours(2);
        Fix[] away = [new(Nine.AddMinutes(10), 24.60, 118.09), new(Nine.AddMinutes(70), 24.55, 118.09)];
        var missed = FarFromScheduledJob.Check(4, 9, start, end, lat, lng, away, 2000);
        Assert.NotNull(missed);
        Assert.Equal(("4:farjob:wo9", 9), (missed.Key, missed.WorkOrderId));
        Assert.InRange(missed.MetersAway!.Value, 7500, 8000); // the nearest fix counts

        Fix[] came = [.. away, new(Nine.AddMinutes(90), 24.481, 118.091)];
        Assert.Null(FarFromScheduledJob.Check(4, 9, start, end, lat, lng, came, 2000));
        Fix[] outside = [new(Nine.AddHours(-1), 24.60, 118.09)];
        Assert.Null(FarFromScheduledJob.Check(4, 9, start, end, lat, lng, outside, 2000)); // no fix in the window: the no-position rule's business
    }

    [Fact]
    public void ASM6_a_special_case_waives_only_anomalies_inside_it_and_after_it_was_recorded()
    {
        var recorded = Nine.AddHours(-1);
        var specialCase = new SpecialCase(5, Nine, Nine.AddHours(8), "去仓库取配件", 2, recorded);
        AnomalyFinding At(DateTimeOffset at, int staff = 5) => new(staff, AnomalyRule.CheckInFarFromSite, "k", at);
        Assert.Same(specialCase, PreReportedSpecialCase.Find([specialCase], At(Nine.AddHours(2))));
        Assert.Null(PreReportedSpecialCase.Find([specialCase], At(Nine.AddHours(9))));
        Assert.Null(PreReportedSpecialCase.Find([specialCase], At(Nine.AddHours(2), staff: 6)));

        // Recorded at 11:00 for a case from 9:00: what happened before 11:00 was not reported in advance.
        var late = new SpecialCase(5, Nine, Nine.AddHours(8), "补报", 2, Nine.AddHours(2));
        Assert.Null(PreReportedSpecialCase.Find([late], At(Nine.AddHours(1))));
        Assert.Same(late, PreReportedSpecialCase.Find([late], At(Nine.AddHours(3))));
    }

    [Fact]
    public void ASM6_a_special_case_needs_a_reason_and_an_end_after_its_start_still_to_come()
    {
        Assert.Equal("SpecialCaseEndsBeforeStart", Assert.Throws<DomainException>(() => new SpecialCase(5, Nine, Nine, "x", 2, Nine.AddHours(-1))).Code);
        Assert.Equal("SpecialCaseInPast", Assert.Throws<DomainException>(() => new SpecialCase(5, Nine, Nine.AddHours(1), "x", 2, Nine.AddHours(2))).Code);
        Assert.Equal("Reason", Assert.Throws<DomainException>(() => new SpecialCase(5, Nine, Nine.AddHours(1), " ", 2, Nine.AddHours(-1))).Field);
    }

    [Fact]
    public void ATT2_only_a_suspension_or_a_verified_loss_waits_for_a_restoration()
    {
        var suspended = new PhoneEvent(5, PhoneEventKind.Suspended, Nine, null, false, 2, Nine);
        Assert.True(suspended.AwaitsRestoration);
        Assert.Equal("RestoredBeforeIncident", Assert.Throws<DomainException>(() => suspended.RecordRestoration(Nine.AddMinutes(-1), Nine)).Code);
        suspended.RecordRestoration(Nine.AddHours(1), Nine.AddHours(1));
        Assert.Equal("PhoneAlreadyRestored", Assert.Throws<ConflictException>(() => suspended.RecordRestoration(Nine.AddHours(2), Nine.AddHours(2))).Code);

        Assert.False(new PhoneEvent(5, PhoneEventKind.Unreachable, Nine, null, false, 2, Nine).AwaitsRestoration);
        Assert.False(new PhoneEvent(5, PhoneEventKind.Lost, Nine, null, true, 2, Nine).AwaitsRestoration);
        Assert.True(new PhoneEvent(5, PhoneEventKind.Lost, Nine, null, false, 2, Nine).AwaitsRestoration);
        Assert.Equal("FalseReportOnlyForLost", Assert.Throws<DomainException>(() => new PhoneEvent(5, PhoneEventKind.Suspended, Nine, null, true, 2, Nine)).Code);
        Assert.Equal("PhoneEventInFuture", Assert.Throws<DomainException>(() => new PhoneEvent(5, PhoneEventKind.Suspended, Nine.AddHours(1), null, false, 2, Nine)).Code);
    }

    [Fact]
    public void ATT1_a_position_from_the_future_or_from_long_ago_is_refused()
    {
        var where = new GeoPosition(24.48, 118.09, 5);
        Assert.Equal(Nine, new Position(1, Nine, where, Nine.AddMinutes(3)).At);
        Assert.Equal("PositionInFuture", Assert.Throws<DomainException>(() => new Position(1, Nine.AddMinutes(10), where, Nine)).Code);
        Assert.Equal("PositionTooOld", Assert.Throws<DomainException>(() => new Position(1, Nine.AddDays(-8), where, Nine)).Code);
    }
}
