using AfterSales.Features.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AfterSales.Features.Schedule;

/// <summary>
/// The roster (SCH-1) and the day-before confirmations (SCH-3). Dates are the site's local days (yyyy-MM-dd);
/// times of appointments are instants. Recording a confirmation is <c>POST /api/work-orders/{id}/day-before-confirmation</c>.
/// </summary>
public static class ScheduleApi
{
    public static IEndpointRouteBuilder MapScheduleApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/schedule").WithTags("Schedule");
        api.MapGet("/week", async (ScheduleService schedule, DateOnly? date, int? regionId, int? technicianId) =>
            TypedResults.Ok(await schedule.WeekAsync(date, regionId, technicianId)));
        api.MapGet("/day", async (ScheduleService schedule, DateOnly? date, int? technicianId) =>
            TypedResults.Ok(await schedule.DayAsync(date, technicianId)));
        api.MapGet("/availability/{staffId:int}", async (int staffId, DateOnly date, ScheduleService schedule) =>
            TypedResults.Ok(await schedule.AvailabilityAsync(staffId, date)));

        api.MapGet("/time-off", async ([AsParameters] TimeOffFilter filter, ScheduleService schedule, int page = 1,
            int pageSize = Paged<TimeOffDto>.DefaultPageSize) => TypedResults.Ok(await schedule.ListTimeOffAsync(filter, page, pageSize)));
        api.MapGet("/time-off/{id:int}", async (int id, ScheduleService schedule) => TypedResults.Ok(await schedule.GetTimeOffAsync(id)));
        api.MapPost("/time-off", async Task<Created<TimeOffDto>> (TimeOffInput input, ScheduleService schedule) =>
        {
            var id = await schedule.AddTimeOffAsync(input);
            return TypedResults.Created($"/api/schedule/time-off/{id}", await schedule.GetTimeOffAsync(id));
        });
        api.MapPut("/time-off/{id:int}", async (int id, TimeOffInput input, ScheduleService schedule) =>
        {
            await schedule.ChangeTimeOffAsync(id, input);
            return TypedResults.Ok(await schedule.GetTimeOffAsync(id));
        });
        api.MapDelete("/time-off/{id:int}", async (int id, int version, ScheduleService schedule) =>
        {
            await schedule.RemoveTimeOffAsync(id, version);
            return TypedResults.NoContent();
        });

        api.MapGet("/working-hours/{staffId:int}", async (int staffId, ScheduleService schedule) =>
            TypedResults.Ok(await schedule.GetWorkingHoursAsync(staffId)));
        api.MapPut("/working-hours/{staffId:int}", async (int staffId, WorkingHoursInput input, ScheduleService schedule) =>
        {
            await schedule.SetWorkingHoursAsync(staffId, input);
            return TypedResults.Ok(await schedule.GetWorkingHoursAsync(staffId));
        });
        api.MapDelete("/working-hours/{staffId:int}", async (int staffId, ScheduleService schedule) =>
        {
            await schedule.ResetWorkingHoursAsync(staffId);
            return TypedResults.Ok(await schedule.GetWorkingHoursAsync(staffId));
        });

        api.MapGet("/skills/{staffId:int}", async (int staffId, ScheduleService schedule) =>
            TypedResults.Ok((await schedule.PersonAsync(staffId)).Skills));
        api.MapPut("/skills/{staffId:int}", async (int staffId, SkillsInput input, ScheduleService schedule) =>
        {
            await schedule.SetSkillsAsync(staffId, input);
            return TypedResults.Ok((await schedule.PersonAsync(staffId)).Skills);
        });

        api.MapGet("/confirmations", async (ScheduleService schedule, DateOnly? date) =>
            TypedResults.Ok(await schedule.ConfirmationsAsync(date)));
        return app;
    }
}
