using AfterSales.Domain;
using AfterSales.Domain.Assessment;
using AfterSales.Domain.Travel;

namespace AfterSales.Tests.Domain;

/// <summary>TRV-1…TRV-4 without a database: the per diem at every edge, tickets, expenses and the order of approvals.</summary>
public sealed class TripsTests
{
    private static readonly TravelPolicy Policy = PolicyDocument.Default().Travel;
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");
    private static readonly DateTimeOffset Now = new(2026, 10, 5, 8, 0, 0, TimeSpan.FromHours(8));

    private static PerDiemResult Compute(string depart, string @return) =>
        PerDiem.Compute(DateTime.Parse(depart, System.Globalization.CultureInfo.InvariantCulture),
            DateTime.Parse(@return, System.Globalization.CultureInfo.InvariantCulture), Policy);

    private static string Days(PerDiemResult r) => string.Join(" ", r.Days.Select(d => $"{d.Date:MM-dd}:{d.Amount:0}:{d.Reason}"));

    [Fact]
    public void TRV2_the_shipped_policy_has_30_15_15_and_noon()
    {
        Assert.Equal((30m, 15m, 15m, 0m, new TimeOnly(12, 0), new TimeOnly(18, 0)),
            (Policy.FullDay, Policy.LateDeparture, Policy.ReturnDay, Policy.SameDay, Policy.Cutoff(), Policy.EndOfWork()));
    }

    [Fact]
    public void TRV2_departing_at_11_59_makes_the_departure_day_a_full_day()
    {
        var r = Compute("2026-10-05 11:59", "2026-10-06 10:00");
        Assert.Equal("10-05:30:EarlyDeparture 10-06:15:ReturnDay", Days(r));
        Assert.Equal(45m, r.Total);
    }

    [Fact]
    public void TRV2_departing_at_12_00_gives_15_for_the_departure_day()
    {
        var r = Compute("2026-10-05 12:00", "2026-10-06 10:00");
        Assert.Equal("10-05:15:LateDeparture 10-06:15:ReturnDay", Days(r));
        Assert.Equal(30m, r.Total);
    }

    [Fact]
    public void TRV2_days_in_between_are_full_days()
    {
        // 3-day trip: 30 (left 08:00) + 30 + 15 = 75.
        var r = Compute("2026-10-05 08:00", "2026-10-07 20:30");
        Assert.Equal("10-05:30:EarlyDeparture 10-06:30:FullDay 10-07:15:ReturnDay", Days(r));
        Assert.Equal(75m, r.Total);
    }

    [Theory]
    [InlineData("2026-10-05 06:00", "2026-10-05 23:59")]
    [InlineData("2026-10-05 13:00", "2026-10-05 13:00")]
    public void TRV2_a_same_day_trip_gives_no_per_diem_tickets_only(string depart, string @return)
    {
        var r = Compute(depart, @return);
        Assert.Equal(0m, r.Total);
        Assert.Equal(PerDiemReason.SameDay, Assert.Single(r.Days).Reason);
    }

    [Fact]
    public void TRV2_a_trip_across_a_month_end_counts_each_calendar_day()
    {
        var r = Compute("2026-09-29 14:00", "2026-10-02 09:00");
        Assert.Equal("09-29:15:LateDeparture 09-30:30:FullDay 10-01:30:FullDay 10-02:15:ReturnDay", Days(r));
        Assert.Equal(90m, r.Total);
    }

    [Fact]
    public void TRV2_a_trip_across_a_year_end_and_a_leap_day()
    {
        var r = Compute("2027-12-31 09:00", "2028-01-01 09:00");
        Assert.Equal([new DateOnly(2027, 12, 31), new DateOnly(2028, 1, 1)], r.Days.Select(d => d.Date));
        Assert.Equal(45m, r.Total);
        var leap = Compute("2028-02-28 12:30", "2028-03-01 08:00");
        Assert.Equal("02-28:15:LateDeparture 02-29:30:FullDay 03-01:15:ReturnDay", Days(leap));
    }

    [Fact]
    public void TRV2_return_before_departure_is_refused()
    {
        var e = Assert.Throws<DomainException>(() => Compute("2026-10-06 10:00", "2026-10-06 09:59"));
        Assert.Equal(("TripReturnBeforeDeparture", "ReturnAt"), (e.Code, e.Field));
    }

    [Fact]
    public void TRV2_amounts_and_cutoff_come_from_the_policy()
    {
        var other = new TravelPolicy { FullDay = 50, LateDeparture = 25, ReturnDay = 20, DepartureCutoff = "10:00" };
        var r = PerDiem.Compute(new DateTime(2026, 10, 5, 11, 0, 0), new DateTime(2026, 10, 7, 9, 0, 0), other);
        Assert.Equal(25m + 50m + 20m, r.Total);
        Assert.Contains(PolicyDocument.Parse(PolicyDocument.DefaultText().Replace("departureCutoff: \"12:00\"", "departureCutoff: \"noon\"")).Errors,
            e => e.Path == "travel.departureCutoff" && e.Code == "Policy.TimeOfDay");
        Assert.Contains(PolicyDocument.Parse(PolicyDocument.DefaultText().Replace("fullDay: 30", "fullDay: -30")).Errors,
            e => e.Path == "travel.fullDay" && e.Code == "Policy.Negative");
    }

    private static Trip NewTrip() => new(7, 1, new TripPlan("漳州", "维修", "厦门", Now, Now.AddDays(2), [3, 3, 4]), Now, 7);

    [Fact]
    public void TRV1_a_hand_ticket_needs_both_places_and_a_printed_ticket_its_photo()
    {
        var trip = NewTrip();
        Assert.Equal(2, trip.WorkOrders.Count);
        var e = Assert.Throws<DomainException>(() => trip.AddTicket(new TicketInput(TicketKind.Hand, 35m, new DateOnly(2026, 10, 5), "厦门", null, null, null)));
        Assert.Equal(("HandTicketNeedsPlaces", "ArrivalPlace"), (e.Code, e.Field));
        e = Assert.Throws<DomainException>(() => trip.AddTicket(new TicketInput(TicketKind.Printed, 35m, new DateOnly(2026, 10, 5), null, null, null, null)));
        Assert.Equal("TicketPhotoRequired", e.Code);
        e = Assert.Throws<DomainException>(() => trip.AddTicket(new TicketInput(TicketKind.Printed, 35.001m, new DateOnly(2026, 10, 5), null, null, Png, "image/png")));
        Assert.Equal("AmountHasTooManyDecimals", e.Code);
        e = Assert.Throws<DomainException>(() => trip.AddTicket(new TicketInput(TicketKind.Printed, 35m, new DateOnly(2026, 10, 5), null, null, Png, "image/jpeg")));
        Assert.Equal("PhotoTypeNotAllowed", e.Code);
        trip.AddTicket(new TicketInput(TicketKind.Hand, 12.5m, new DateOnly(2026, 10, 5), "厦门", "漳州", null, null));
        trip.AddTicket(new TicketInput(TicketKind.Printed, 35m, new DateOnly(2026, 10, 7), null, null, Png, "image/png"));
        Assert.Equal(47.5m, trip.TicketsTotal);
    }

    [Fact]
    public void TRV4_the_claim_goes_manager_then_finance_and_a_false_part_is_not_reimbursed()
    {
        var trip = NewTrip();
        trip.AddExpense(new ExpenseInput("配件快递费", 80m, new DateOnly(2026, 10, 6), Png, "image/png"));
        Assert.Equal("TripNotClosed", Assert.Throws<ConflictException>(() => trip.Submit(Now)).Code);
        trip.Close(Now, Now.AddDays(2), ReturnContact.ReportedAtCompany, Now.AddDays(2).AddMinutes(30), PerDiem.Compute(
            new DateTime(2026, 10, 5, 8, 0, 0), new DateTime(2026, 10, 7, 8, 0, 0), Policy), "0");
        Assert.Equal((75m, 3), (trip.PerDiemTotal, trip.Days.Count));
        trip.Submit(Now.AddDays(2));
        Assert.Equal("TripNotEditable", Assert.Throws<ConflictException>(() => trip.AddExpense(new ExpenseInput("x", 1m, new DateOnly(2026, 10, 6), Png, "image/png"))).Code);
        Assert.Equal("TripNotAwaitingFinance", Assert.Throws<ConflictException>(() => trip.ApproveAsFinance(9, Now)).Code);
        Assert.Equal("TripOwnApproval", Assert.Throws<ForbiddenException>(() => trip.ApproveAsManager(7, Now)).Code);
        trip.ApproveAsManager(8, Now);
        trip.ApproveAsFinance(9, Now);
        Assert.Equal(TripState.FinanceApproved, trip.State);
        Assert.Throws<DomainException>(() => trip.MarkExpenseFalse(0, 80.01m, "发票金额不符", 9, Now));
        trip.MarkExpenseFalse(0, 50m, "发票金额不符", 9, Now);
        Assert.Equal(30m, trip.ExpensesTotal);
        Assert.Equal("ExpenseAlreadyFalse", Assert.Throws<ConflictException>(() => trip.MarkExpenseFalse(0, 10m, "再次", 9, Now)).Code);
    }

    [Fact]
    public void TRV4_a_rejected_claim_carries_its_reason_and_can_be_corrected_and_submitted_again()
    {
        var trip = NewTrip();
        trip.Close(Now, Now.AddHours(5), ReturnContact.ReportedAtCompany, Now.AddHours(5), new PerDiemResult(0, []), "0");
        trip.Submit(Now);
        Assert.Throws<DomainException>(() => trip.Reject(" ", 8, Now));
        trip.Reject("车票金额与照片不符", 8, Now);
        Assert.Equal((TripState.Rejected, "车票金额与照片不符"), (trip.State, trip.RejectReason));
        trip.AddTicket(new TicketInput(TicketKind.Hand, 10m, new DateOnly(2026, 10, 5), "厦门", "漳州", null, null));
        trip.Submit(Now);
        Assert.Equal((TripState.Submitted, null), (trip.State, trip.RejectReason));
    }
}
