using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AfterSales.Tests.Support;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace AfterSales.Tests.Features;

/// <summary>Issue 7 over HTTP on both engines: trips, tickets, per diem, daily contact, expense claims and their approval (TRV-1…TRV-4, ASM-7).</summary>
public sealed class TripsTests
{
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    /// <summary>The month the trips happen in: two months ahead, since the test clock only moves forward.</summary>
    private readonly DateTime _month = new DateTime(DateTime.UtcNow.AddHours(8).Year, DateTime.UtcNow.AddHours(8).Month, 1).AddMonths(2);

    private DateTimeOffset At(int day, int hour, int minute = 0) => new(_month.AddDays(day - 1).AddHours(hour).AddMinutes(minute), Shanghai);

    private string D(int day) => _month.AddDays(day - 1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private string MonthText => _month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    /// <summary>The app with its clock on the 8th of the trips' month, 10:00 (before anyone logs in: a jump would end their session).</summary>
    private async Task<TestApp> StartAsync(Db db)
    {
        var app = await TestApp.StartAsync(db);
        app.Factory.Clock.SetUtcNow(At(8, 10));
        return app;
    }

    private static int Version(JsonElement trip) => trip.GetProperty("version").GetInt32();

    private static async Task<JsonElement> OpenAsync(HttpClient client, DateTimeOffset depart, DateTimeOffset back) =>
        await Json(await client.PostAsJsonAsync("/api/trips", new
        {
            destination = "漳州", purpose = "龙文花园垂直设备更换油缸", plannedDepartAt = depart, plannedReturnAt = back, workOrderIds = Array.Empty<int>(),
        }), HttpStatusCode.Created);

    private static async Task<HttpResponseMessage> TicketAsync(HttpClient client, int trip, string kind, decimal amount, string day,
        string? from = null, string? to = null, bool photo = true)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(kind), "kind" },
            { new StringContent(amount.ToString(CultureInfo.InvariantCulture)), "amount" },
            { new StringContent(day), "travelOn" },
        };
        if (from is not null) form.Add(new StringContent(from), "boardingPlace");
        if (to is not null) form.Add(new StringContent(to), "arrivalPlace");
        if (photo)
        {
            var file = new ByteArrayContent(Png);
            file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            form.Add(file, "photo", "ticket.png");
        }
        return await client.PostAsync($"/api/trips/{trip}/tickets", form);
    }

    private static async Task<HttpResponseMessage> ExpenseAsync(HttpClient client, int trip, string description, decimal amount, string day)
    {
        var file = new ByteArrayContent(Png);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(description), "description" },
            { new StringContent(amount.ToString(CultureInfo.InvariantCulture)), "amount" },
            { new StringContent(day), "spentOn" },
            { file, "receipt", "receipt.png" },
        };
        return await client.PostAsync($"/api/trips/{trip}/expenses", form);
    }

    /// <summary>
    /// tech01's three-day trip 10-05 08:30 → 10-07 19:10: per diem 30 (left before 12:00) + 30 (10-06) + 15 (return day) = 75;
    /// tickets 42.50 + 12 + 42.50 = 97; a courier expense 80; claim 252.
    /// </summary>
    private async Task<(int Id, JsonElement Trip)> ClosedThreeDayTripAsync(TestApp app, HttpClient technician)
    {
        var trip = await OpenAsync(technician, At(5, 8), At(7, 20));
        var id = trip.GetProperty("id").GetInt32();
        await Json(await TicketAsync(technician, id, "Printed", 42.50m, D(5)), HttpStatusCode.Created);
        await Json(await TicketAsync(technician, id, "Hand", 12m, D(6), "漳州汽车站", "龙文花园", photo: false), HttpStatusCode.Created);
        await Json(await TicketAsync(technician, id, "Printed", 42.50m, D(7)), HttpStatusCode.Created);
        trip = await Json(await ExpenseAsync(technician, id, "配件快递费", 80m, D(6)), HttpStatusCode.Created);
        trip = await Json(await technician.PostAsJsonAsync($"/api/trips/{id}/close", new
        {
            departedAt = At(5, 8, 30), returnedAt = At(7, 19, 10), returnContact = "PhonedManager", returnContactAt = At(7, 19, 20),
            version = Version(trip),
        }));
        return (id, trip);
    }

    [Theory, BothDatabases]
    public async Task TRV1_TRV2_TRV4_a_three_day_trip_is_approved_by_the_manager_then_finance_and_reaches_the_reimbursement_list(Db db)
    {
        await using var app = await StartAsync(db);
        var technician = await app.LogInAsync("tech01");
        var (id, trip) = await ClosedThreeDayTripAsync(app, technician);

        Assert.Equal("Returned", trip.GetProperty("state").GetString());
        Assert.True(trip.GetProperty("perDiemFixed").GetBoolean());
        Assert.Equal("0", trip.GetProperty("policyVersion").GetString());
        var days = trip.GetProperty("perDiemDays").EnumerateArray().Select(d =>
            (d.GetProperty("date").GetString(), d.GetProperty("amount").GetDecimal(), d.GetProperty("reason").GetString())).ToList();
        Assert.Equal([
            (D(5), 30m, "出发日：08:30 出发，早于 12:00，按全天计 30 元"),
            (D(6), 30m, "出差全天：30 元"),
            (D(7), 15m, "返回日：19:10 返回，计 15 元"),
        ], days);
        Assert.Equal((75m, 97m, 80m, 252m), (trip.GetProperty("perDiem").GetDecimal(), trip.GetProperty("ticketsTotal").GetDecimal(),
            trip.GetProperty("expensesTotal").GetDecimal(), trip.GetProperty("total").GetDecimal()));
        // TRV-3: arrived after 18:00 and phoned the manager: as required.
        Assert.True(trip.GetProperty("returnContactAsRequired").GetBoolean());

        var manager = await app.LogInAsync("fj.manager");
        var finance = await app.LogInAsync("finance");
        // Nothing is approved before it is submitted; finance never before the manager; nobody approves their own.
        Assert.Equal(HttpStatusCode.Conflict, (await manager.PostAsJsonAsync($"/api/trips/{id}/approve", new { version = Version(trip) })).StatusCode);
        trip = await Json(await technician.PostAsJsonAsync($"/api/trips/{id}/submit", new { version = Version(trip) }));
        Assert.Equal("Submitted", trip.GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await TicketAsync(technician, id, "Printed", 10m, D(7))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await finance.PostAsJsonAsync($"/api/trips/{id}/approve", new { version = Version(trip) })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await technician.PostAsJsonAsync($"/api/trips/{id}/approve", new { version = Version(trip) })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.LogInAsync("gd.manager")).PostAsJsonAsync($"/api/trips/{id}/approve", new { version = Version(trip) })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.LogInAsync("supervision")).PostAsJsonAsync($"/api/trips/{id}/approve", new { version = Version(trip) })).StatusCode);

        var awaiting = await manager.GetFromJsonAsync<JsonElement>("/api/trips?awaiting=true");
        Assert.Equal(id, awaiting.GetProperty("items").EnumerateArray().Single().GetProperty("id").GetInt32());
        trip = await Json(await manager.PostAsJsonAsync($"/api/trips/{id}/approve", new { version = Version(trip) }));
        Assert.Equal(("ManagerApproved", "林海"), (trip.GetProperty("state").GetString(), trip.GetProperty("managerApprovedBy").GetString()));
        Assert.Equal(0, (await manager.GetFromJsonAsync<JsonElement>("/api/trips?awaiting=true")).GetProperty("total").GetInt32());
        Assert.Equal(id, (await finance.GetFromJsonAsync<JsonElement>("/api/trips?awaiting=true")).GetProperty("items")[0].GetProperty("id").GetInt32());
        trip = await Json(await finance.PostAsJsonAsync($"/api/trips/{id}/approve", new { version = Version(trip) }));
        Assert.Equal("FinanceApproved", trip.GetProperty("state").GetString());

        var list = await finance.GetFromJsonAsync<JsonElement>($"/api/trips/reimbursements/{MonthText}");
        var row = list.GetProperty("rows").EnumerateArray().Single();
        Assert.Equal(("福建区", "张伟", 1), (row.GetProperty("regionName").GetString(), row.GetProperty("travellerName").GetString(), row.GetProperty("trips").GetInt32()));
        Assert.Equal((97m, 75m, 80m, 252m), (row.GetProperty("tickets").GetDecimal(), row.GetProperty("perDiem").GetDecimal(),
            row.GetProperty("expenses").GetDecimal(), row.GetProperty("total").GetDecimal()));
        Assert.Empty((await finance.GetFromJsonAsync<JsonElement>($"/api/trips/reimbursements/{_month.AddMonths(-1):yyyy-MM}")).GetProperty("rows").EnumerateArray());
        Assert.Equal(HttpStatusCode.Forbidden, (await technician.GetAsync($"/api/trips/reimbursements/{MonthText}")).StatusCode);
        // The region's manager sees their region's list; another region's manager an empty one.
        Assert.Single((await manager.GetFromJsonAsync<JsonElement>($"/api/trips/reimbursements/{MonthText}")).GetProperty("rows").EnumerateArray());
        Assert.Empty((await (await app.LogInAsync("gd.manager")).GetFromJsonAsync<JsonElement>($"/api/trips/reimbursements/{MonthText}")).GetProperty("rows").EnumerateArray());

        // The Excel download has the same figures, read back with the library that wrote it.
        var excel = await finance.GetAsync($"/api/trips/reimbursements/{MonthText}/export");
        Assert.Equal(HttpStatusCode.OK, excel.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", excel.Content.Headers.ContentType?.MediaType);
        using var stream = new MemoryStream(await excel.Content.ReadAsByteArrayAsync());
        var rows = MiniExcel.Query(stream, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(2, rows.Count);
        var person = rows[0];
        Assert.Equal((MonthText, "福建区", "张伟"), (person["月份"]?.ToString(), person["区域"]?.ToString(), person["姓名"]?.ToString()));
        Assert.Equal((97m, 75m, 80m, 252m), (Convert.ToDecimal(person["车票"], CultureInfo.InvariantCulture), Convert.ToDecimal(person["生活补助"], CultureInfo.InvariantCulture),
            Convert.ToDecimal(person["特殊费用"], CultureInfo.InvariantCulture), Convert.ToDecimal(person["合计"], CultureInfo.InvariantCulture)));
        Assert.Equal(("合计", 252m), (rows[1]["姓名"]?.ToString(), Convert.ToDecimal(rows[1]["合计"], CultureInfo.InvariantCulture)));
    }

    [Theory, BothDatabases]
    public async Task SEC2_a_technician_cannot_see_another_technicians_trip_and_managers_see_only_their_region(Db db)
    {
        await using var app = await StartAsync(db);
        var technician = await app.LogInAsync("tech01");
        var trip = await OpenAsync(technician, At(1, 8), At(2, 18));
        var id = trip.GetProperty("id").GetInt32();

        var other = await app.LogInAsync("tech02");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/trips/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/Trips/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await TicketAsync(other, id, "Printed", 10m, D(1))).StatusCode);
        Assert.Equal(0, (await other.GetFromJsonAsync<JsonElement>("/api/trips")).GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.LogInAsync("gd.manager")).GetAsync($"/api/trips/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.LogInAsync("fj.store")).GetAsync($"/api/trips/{id}")).StatusCode);

        // The region's manager reads it but changes nothing on it; finance reads every trip.
        var manager = await app.LogInAsync("fj.manager");
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync($"/api/trips/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await TicketAsync(manager, id, "Printed", 10m, D(1))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.LogInAsync("finance")).GetAsync($"/api/trips/{id}")).StatusCode);
        Assert.Equal(1, (await technician.GetFromJsonAsync<JsonElement>("/api/trips")).GetProperty("total").GetInt32());
    }

    [Theory, BothDatabases]
    public async Task TRV1_a_hand_ticket_without_its_places_is_refused_in_Chinese_on_the_API_and_on_the_page(Db db)
    {
        await using var app = await StartAsync(db);
        var technician = await app.LogInAsync("tech01");
        var id = (await OpenAsync(technician, At(1, 8), At(2, 18))).GetProperty("id").GetInt32();

        var problem = await Json(await TicketAsync(technician, id, "Hand", 12m, D(1), "漳州汽车站", null, photo: false), HttpStatusCode.BadRequest);
        Assert.Equal("长条票须注明上车地点和到达地点才能报销。", problem.GetProperty("errors").GetProperty("ArrivalPlace")[0].GetString());
        problem = await Json(await TicketAsync(technician, id, "Printed", 12m, D(1), photo: false), HttpStatusCode.BadRequest);
        Assert.Equal("机打车票须上传照片。", problem.GetProperty("errors").GetProperty("Photo")[0].GetString());

        var page = await TestApp.PostFormAsync(technician, $"/Trips/{id}", new Dictionary<string, string>
        {
            ["Input.Kind"] = "Hand", ["Input.Amount"] = "12", ["Input.TravelOn"] = D(1), ["Input.BoardingPlace"] = "", ["Input.ArrivalPlace"] = "龙文花园",
        }, postUrl: $"/Trips/{id}?handler=Ticket");
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("长条票须注明上车地点和到达地点才能报销。", html);
        Assert.Contains("value=\"龙文花园\"", html);
        Assert.Equal(0, await app.DbAsync(d => d.TripTickets.CountAsync()));

        // With both places, the page accepts it (no photo needed for a hand ticket).
        page = await TestApp.PostFormAsync(technician, $"/Trips/{id}", new Dictionary<string, string>
        {
            ["Input.Kind"] = "Hand", ["Input.Amount"] = "12.50", ["Input.TravelOn"] = D(1), ["Input.BoardingPlace"] = "漳州汽车站", ["Input.ArrivalPlace"] = "龙文花园",
        }, postUrl: $"/Trips/{id}?handler=Ticket");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal(12.50m, await app.DbAsync(d => d.TripTickets.Select(t => t.Amount).SingleAsync()));
    }

    [Theory, BothDatabases]
    public async Task ASM7_an_expense_found_false_becomes_an_incident_that_reaches_the_persons_statement(Db db)
    {
        await using var app = await StartAsync(db);
        var technician = await app.LogInAsync("tech01");
        var (id, trip) = await ClosedThreeDayTripAsync(app, technician);
        trip = await Json(await technician.PostAsJsonAsync($"/api/trips/{id}/submit", new { version = Version(trip) }));
        var expense = trip.GetProperty("expenses")[0].GetProperty("id").GetInt32();

        Assert.Equal(HttpStatusCode.Forbidden, (await technician.PostAsJsonAsync($"/api/trips/{id}/expenses/{expense}/false", new { falseAmount = 50, note = "x" })).StatusCode);
        var manager = await app.LogInAsync("fj.manager");
        Assert.Equal(HttpStatusCode.BadRequest, (await manager.PostAsJsonAsync($"/api/trips/{id}/expenses/{expense}/false", new { falseAmount = 80.01, note = "x" })).StatusCode);
        var marked = await Json(await manager.PostAsJsonAsync($"/api/trips/{id}/expenses/{expense}/false", new { falseAmount = 50, note = "快递单实付 30 元" }));
        var incidentId = marked.GetProperty("incidentId").GetInt32();
        var after = marked.GetProperty("trip");
        Assert.Equal((30m, 202m), (after.GetProperty("expensesTotal").GetDecimal(), after.GetProperty("total").GetDecimal()));
        Assert.Equal(incidentId, after.GetProperty("expenses")[0].GetProperty("incidentId").GetInt32());
        Assert.Equal(HttpStatusCode.Conflict, (await manager.PostAsJsonAsync($"/api/trips/{id}/expenses/{expense}/false", new { falseAmount = 10, note = "再次" })).StatusCode);

        var incident = await manager.GetFromJsonAsync<JsonElement>($"/api/assessment/incidents/{incidentId}");
        Assert.Equal(("expense_false_claim", 50m, "trips"), (incident.GetProperty("kind").GetString(), incident.GetProperty("amount").GetDecimal(),
            incident.GetProperty("source").GetString()));
        Assert.Contains("快递单实付 30 元", incident.GetProperty("description").GetString());

        // ASM-7, 1st false claim of the employment: the whole month bonus, on tech01's own statement of the month found.
        var tech01 = await app.StaffIdAsync("tech01");
        var statement = await technician.GetFromJsonAsync<JsonElement>($"/api/assessment/months/{MonthText}/statements/{tech01}");
        Assert.True(statement.GetProperty("bonusForfeited").GetBoolean());
        var line = statement.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("kind").GetString() == "expense_false_claim");
        Assert.Equal("ASM-7", line.GetProperty("rule").GetString());
    }

    [Theory, BothDatabases]
    public async Task TRV4_a_rejected_claim_shows_its_reason_and_can_be_submitted_again(Db db)
    {
        await using var app = await StartAsync(db);
        var technician = await app.LogInAsync("tech01");
        var (id, trip) = await ClosedThreeDayTripAsync(app, technician);
        trip = await Json(await technician.PostAsJsonAsync($"/api/trips/{id}/submit", new { version = Version(trip) }));
        var manager = await app.LogInAsync("fj.manager");
        Assert.Equal(HttpStatusCode.BadRequest, (await manager.PostAsJsonAsync($"/api/trips/{id}/reject", new { reason = "", version = Version(trip) })).StatusCode);
        trip = await Json(await manager.PostAsJsonAsync($"/api/trips/{id}/reject", new { reason = "返程车票照片看不清", version = Version(trip) }));
        Assert.Equal(("Rejected", "返程车票照片看不清"), (trip.GetProperty("state").GetString(), trip.GetProperty("rejectReason").GetString()));
        var html = WebUtility.HtmlDecode(await technician.GetStringAsync($"/Trips/{id}"));
        Assert.Contains("林海 退回：返程车票照片看不清", html);

        var ticket = trip.GetProperty("tickets")[2].GetProperty("id").GetInt32();
        await Json(await technician.DeleteAsync($"/api/trips/{id}/tickets/{ticket}"));
        trip = await Json(await TicketAsync(technician, id, "Printed", 42.50m, D(7)), HttpStatusCode.Created);
        trip = await Json(await technician.PostAsJsonAsync($"/api/trips/{id}/submit", new { version = Version(trip) }));
        Assert.Equal("Submitted", trip.GetProperty("state").GetString());
    }

    [Theory, BothDatabases]
    public async Task TRV3_days_away_without_a_daily_report_are_listed_and_the_return_day_report_is_judged(Db db)
    {
        await using var app = await StartAsync(db);
        var technician = await app.LogInAsync("tech01");
        var (id, _) = await ClosedThreeDayTripAsync(app, technician);
        var manager = await app.LogInAsync("fj.manager");
        await Json(await manager.PostAsJsonAsync("/api/reports", new
        {
            technicianId = await app.StaffIdAsync("tech01"), day = D(5), receivedAt = "17:30", text = "A漳州龙文花园垂直设备,13800000001,更换油缸",
        }), HttpStatusCode.Created);

        var trip = await manager.GetFromJsonAsync<JsonElement>($"/api/trips/{id}");
        var days = trip.GetProperty("contactDays").EnumerateArray().Select(d => (d.GetProperty("date").GetString(), d.GetProperty("reported").GetBoolean())).ToList();
        Assert.Equal([(D(5), true), (D(6), false)], days);
        var html = WebUtility.HtmlDecode(await manager.GetStringAsync($"/Trips/{id}"));
        Assert.Contains($"未汇报的日子：{_month.AddDays(5):MM-dd}", html);

        // Back at 15:00, before the end of work (18:00): only a report at the company before 18:00 is as required.
        var second = await OpenAsync(technician, At(6, 13), At(7, 15));
        var closed = await Json(await technician.PostAsJsonAsync($"/api/trips/{second.GetProperty("id").GetInt32()}/close", new
        {
            departedAt = At(6, 13), returnedAt = At(7, 15), returnContact = "PhonedManager", returnContactAt = At(7, 15, 10),
            version = Version(second),
        }));
        Assert.False(closed.GetProperty("returnContactAsRequired").GetBoolean());
        Assert.Equal(30m, closed.GetProperty("perDiem").GetDecimal()); // left at 13:00: 15, return day 15
    }

    [Theory, BothDatabases]
    public async Task TRV2_POL1_a_new_policy_changes_the_per_diem_of_trips_departing_from_its_date_only(Db db)
    {
        await using var app = await StartAsync(db);
        var technician = await app.LogInAsync("tech01");
        var (id, _) = await ClosedThreeDayTripAsync(app, technician);

        var supervision = await app.LogInAsync("supervision");
        var draft = await Json(await supervision.PostAsJsonAsync("/api/assessment/policies", new { }), HttpStatusCode.Created);
        var text = draft.GetProperty("text").GetString()!.Replace("fullDay: 30", "fullDay: 40");
        var edited = await Json(await supervision.PutAsJsonAsync($"/api/assessment/policies/{draft.GetProperty("id").GetInt32()}", new { text, version = 0 }));
        var submitted = await Json(await supervision.PostAsJsonAsync($"/api/assessment/policies/{edited.GetProperty("id").GetInt32()}/submit", new { version = Version(edited) }));
        await Json(await (await app.LogInAsync("gm")).PostAsJsonAsync($"/api/assessment/policies/{submitted.GetProperty("id").GetInt32()}/approve",
            new { effectiveFrom = _month.AddMonths(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), version = Version(submitted) }));

        // The closed trip keeps its per diem; a trip leaving on the last day before the new version still has 30 a day,
        // one leaving on its first day 40.
        Assert.Equal(75m, (await technician.GetFromJsonAsync<JsonElement>($"/api/trips/{id}")).GetProperty("perDiem").GetDecimal());
        var next = new DateTimeOffset(_month.AddMonths(1), Shanghai);
        string Q(DateTimeOffset t) => Uri.EscapeDataString(t.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture));
        var before = await technician.GetFromJsonAsync<JsonElement>($"/api/trips/allowance?depart={Q(next.AddDays(-1).AddHours(8))}&return={Q(next.AddDays(1).AddHours(10))}");
        Assert.Equal((75m, "0"), (before.GetProperty("perDiem").GetDecimal(), before.GetProperty("policyVersion").GetString()));
        var after = await technician.GetFromJsonAsync<JsonElement>($"/api/trips/allowance?depart={Q(next.AddHours(8))}&return={Q(next.AddDays(2).AddHours(10))}");
        Assert.Equal(40m + 40m + 15m, after.GetProperty("perDiem").GetDecimal());
        Assert.NotEqual("0", after.GetProperty("policyVersion").GetString());
    }

    [Theory, BothDatabases]
    public async Task TRV1_on_the_phone_page_a_printed_ticket_is_added_with_its_photo_and_a_receipt_with_an_expense(Db db)
    {
        await using var app = await StartAsync(db);
        var technician = await app.LogInAsync("tech01");
        var id = (await OpenAsync(technician, At(5, 8), At(7, 20))).GetProperty("id").GetInt32();
        var html = await technician.GetStringAsync($"/Trips/{id}");
        Assert.Contains("accept=\"image/*\" capture=\"environment\"", html);
        var token = WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value);

        // Without script the phone sends the camera's file itself, as multipart.
        var file = new ByteArrayContent(Png);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("Printed"), "Input.Kind" },
            { new StringContent("42.50"), "Input.Amount" },
            { new StringContent(D(5)), "Input.TravelOn" },
            { file, "photo", "IMG_0001.png" },
        };
        var response = await technician.PostAsync($"/Trips/{id}?handler=Ticket", form);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        // With script (visit.js) the photo arrives made smaller, as a data URL in a text field.
        var small = await TestApp.PostFormAsync(technician, $"/Trips/{id}", new Dictionary<string, string>
        {
            ["Input.Description"] = "配件快递费", ["Input.ExpenseAmount"] = "80", ["Input.SpentOn"] = D(6),
            ["photoData"] = "data:image/png;base64," + Convert.ToBase64String(Png),
        }, postUrl: $"/Trips/{id}?handler=Expense");
        Assert.Equal(HttpStatusCode.Redirect, small.StatusCode);

        var trip = await technician.GetFromJsonAsync<JsonElement>($"/api/trips/{id}");
        var ticket = trip.GetProperty("tickets").EnumerateArray().Single();
        Assert.Equal((42.50m, true), (ticket.GetProperty("amount").GetDecimal(), ticket.GetProperty("hasPhoto").GetBoolean()));
        Assert.Equal(80m, trip.GetProperty("expensesTotal").GetDecimal());
        var photo = await technician.GetAsync($"/api/trips/{id}/tickets/{ticket.GetProperty("id").GetInt32()}/photo");
        Assert.Equal("image/png", photo.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Png, await photo.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.LogInAsync("tech02")).GetAsync($"/api/trips/{id}/tickets/{ticket.GetProperty("id").GetInt32()}/photo")).StatusCode);

        // An expense without its receipt is refused beside the field.
        var refused = await TestApp.PostFormAsync(technician, $"/Trips/{id}", new Dictionary<string, string>
        {
            ["Input.Description"] = "停车费", ["Input.ExpenseAmount"] = "10", ["Input.SpentOn"] = D(6),
        }, postUrl: $"/Trips/{id}?handler=Expense");
        Assert.Contains("特殊费用须上传票据照片。", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
    }

    [Theory, BothDatabases]
    public async Task TRV_the_pages_list_a_technicians_trips_open_a_new_one_and_show_the_approval_lists(Db db)
    {
        await using var app = await StartAsync(db);
        var technician = await app.LogInAsync("tech01");
        var response = await TestApp.PostFormAsync(technician, "/Trips/Edit", new Dictionary<string, string>
        {
            ["Input.Destination"] = "泉州", ["Input.Purpose"] = "定检", ["Input.HomeStation"] = "",
            ["Input.PlannedDepartAt"] = $"{D(3)}T13:00", ["Input.PlannedReturnAt"] = $"{D(4)}T11:00",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var trip = await app.DbAsync(d => d.Trips.SingleAsync());
        Assert.Equal(("泉州", "厦门"), (trip.Destination, trip.HomeStation));
        var html = WebUtility.HtmlDecode(await technician.GetStringAsync($"/Trips/{trip.Id}"));
        Assert.Contains("出发日：13:00 出发，不早于 12:00，计 15 元", html);
        Assert.Contains("capture=\"environment\"", html);
        Assert.Contains("我的出差", WebUtility.HtmlDecode(await technician.GetStringAsync("/Trips")));

        // The plan is changed from its page before departure: an 11:00 departure now counts as a full day.
        Assert.Contains("/Trips/Edit/" + trip.Id, html);
        var form = WebUtility.HtmlDecode(await technician.GetStringAsync($"/Trips/Edit/{trip.Id}"));
        Assert.Contains("value=\"泉州\"", form);
        response = await TestApp.PostFormAsync(technician, $"/Trips/Edit/{trip.Id}", new Dictionary<string, string>
        {
            ["Input.Version"] = trip.Version.ToString(CultureInfo.InvariantCulture),
            ["Input.Destination"] = "漳州", ["Input.Purpose"] = "定检", ["Input.HomeStation"] = "厦门",
            ["Input.PlannedDepartAt"] = $"{D(3)}T11:00", ["Input.PlannedReturnAt"] = $"{D(4)}T11:00",
        });
        Assert.Equal($"/Trips/{trip.Id}", response.Headers.Location?.ToString());
        html = WebUtility.HtmlDecode(await technician.GetStringAsync($"/Trips/{trip.Id}"));
        Assert.Contains("漳州", html);
        Assert.Contains("出发日：11:00 出发，早于 12:00，按全天计 30 元", html);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.LogInAsync("tech02")).GetAsync($"/Trips/Edit/{trip.Id}")).StatusCode);

        // Once under way the plan is history: its edit page says why, on a page, not as JSON.
        var version = await app.DbAsync(d => d.Trips.Where(t => t.Id == trip.Id).Select(t => t.Version).SingleAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await TestApp.PostFormAsync(technician, $"/Trips/{trip.Id}",
            new Dictionary<string, string> { ["Input.Version"] = version.ToString(CultureInfo.InvariantCulture) }, postUrl: $"/Trips/{trip.Id}?handler=Depart")).StatusCode);
        // The history panel reads in Chinese: who by name, the field's name, the time in the site's zone.
        var history = WebUtility.HtmlDecode(await technician.GetStringAsync($"/Trips/{trip.Id}"));
        Assert.Contains("title=\"tech01\">张伟<", history);
        Assert.Matches(@"出发时间: ∅ → \d{4}-\d{2}-\d{2} \d{2}:\d{2}\n", history);
        Assert.DoesNotContain("DepartedAt:", history);
        Assert.Contains("状态: 计划中 → 出差中", history);
        var late = await technician.GetAsync($"/Trips/Edit/{trip.Id}");
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Equal("text/html", late.Content.Headers.ContentType?.MediaType);
        var latePage = WebUtility.HtmlDecode(await late.Content.ReadAsStringAsync());
        Assert.Contains("该出差已出发，计划不能再修改。", latePage);
        Assert.Contains("当前无法执行", latePage);

        response = await TestApp.PostFormAsync(technician, "/Trips/Edit", new Dictionary<string, string>
        {
            ["Input.Destination"] = "泉州", ["Input.Purpose"] = "定检",
            ["Input.PlannedDepartAt"] = $"{D(3)}T13:00", ["Input.PlannedReturnAt"] = $"{D(3)}T11:00",
        });
        Assert.Contains("返回时间不能早于出发时间。", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));

        Assert.Contains("待我审批", WebUtility.HtmlDecode(await (await app.LogInAsync("fj.manager")).GetStringAsync("/Trips?awaiting=true")));
        Assert.Contains("报销汇总", WebUtility.HtmlDecode(await (await app.LogInAsync("finance")).GetStringAsync($"/Trips/Reimbursements?month={MonthText}")));
        var denied = await technician.GetAsync("/Trips/Reimbursements");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.Contains("Denied", denied.Headers.Location?.ToString());
    }
}
