using AfterSales.Infrastructure;
using AfterSales.Features.Identity;
using AfterSales.Features.Shared;

namespace AfterSales.Features.Attendance;

/// <summary>
/// Positions from the phones (<c>POST /api/positions</c>), and the attendance surface of managers and the supervision
/// department under <c>/api/attendance</c>: today, anomalies, phone events and their restoration, special cases.
/// </summary>
public static class AttendanceApi
{
    public static IEndpointRouteBuilder MapAttendanceApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/positions", async (PositionBatch batch, PositionService positions) =>
            TypedResults.Ok(new PositionsStoredDto(await positions.StoreAsync(batch)))).WithTags("Attendance");

        var api = app.MapGroup("/api/attendance").WithTags("Attendance").RequireAuthorization(Policies.ViewAttendance);
        api.MapGet("/today", async (AttendanceService attendance, DateOnly? day) => TypedResults.Ok(await attendance.TodayAsync(day)));
        api.MapGet("/anomalies", async (AttendanceService attendance, int? staffId, DateOnly? from, DateOnly? to, int page = 1,
            int pageSize = Paged<AnomalyDto>.DefaultPageSize) =>
        {
            if (staffId is { } id) await attendance.EnsureVisibleAsync(id);
            return TypedResults.Ok(await attendance.AnomaliesAsync(staffId, from, to, page, pageSize));
        });

        api.MapGet("/phone-events", async (PhoneService phones, AttendanceService attendance, int? staffId, int page = 1,
            int pageSize = Paged<PhoneEventDto>.DefaultPageSize) =>
        {
            if (staffId is { } id) await attendance.EnsureVisibleAsync(id);
            return TypedResults.Ok(await phones.ListAsync(staffId, page, pageSize));
        });
        api.MapGet("/phone-events/{id:int}", async (int id, PhoneService phones) => TypedResults.Ok(await phones.GetAsync(id)));
        api.MapPost("/phone-events", async (PhoneEventInput input, PhoneService phones) =>
        {
            var id = await phones.RecordAsync(input);
            return TypedResults.Created($"/api/attendance/phone-events/{id}", await phones.GetAsync(id));
        }).RequireAuthorization(Policies.RecordIncidents);
        api.MapPost("/phone-events/{id:int}/restoration", async (int id, RestorationInput input, PhoneService phones) =>
        {
            await phones.RestoreAsync(id, input);
            return TypedResults.Ok(await phones.GetAsync(id));
        }).RequireAuthorization(Policies.RecordIncidents);

        api.MapGet("/special-cases", async (AttendanceService attendance, int? staffId, int page = 1, int pageSize = Paged<SpecialCaseDto>.DefaultPageSize) =>
        {
            if (staffId is { } id) await attendance.EnsureVisibleAsync(id);
            return TypedResults.Ok(await attendance.SpecialCasesAsync(staffId, page, pageSize));
        });
        api.MapPost("/special-cases", async (SpecialCaseInput input, AttendanceService attendance) =>
        {
            var id = await attendance.RecordSpecialCaseAsync(input);
            return TypedResults.Created($"/api/attendance/special-cases/{id}", new CreatedId(id));
        }).RequireAuthorization(Policies.RecordSpecialCases);
        return app;
    }
}
