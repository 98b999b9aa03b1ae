using AfterSales.Features.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace AfterSales.Features.WorkOrders;

/// <summary>
/// Work orders: intake, lists and every state change. An illegal transition is a 409 ProblemDetails naming the
/// action and the state; a job outside the caller's scope is a 404.
/// </summary>
public static class WorkOrdersApi
{
    public static IEndpointRouteBuilder MapWorkOrdersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/work-orders").WithTags("WorkOrders");
        api.MapGet("/", async ([AsParameters] WorkOrderFilter filter, WorkOrderService orders, int page = 1, int pageSize = Paged<WorkOrderDto>.DefaultPageSize) =>
            TypedResults.Ok(await orders.ListAsync(filter, page, pageSize)));
        api.MapGet("/{id:int}", async (int id, WorkOrderService orders) => TypedResults.Ok(await orders.GetAsync(id)));
        api.MapPost("/", async Task<Created<WorkOrderDetailsDto>> (IntakeInput input, WorkOrderService orders) =>
        {
            var id = await orders.TakeAsync(input);
            return TypedResults.Created($"/api/work-orders/{id}", await orders.GetAsync(id));
        });
        Verb<AssignInput>(api, "assign", (o, id, i) => o.AssignAsync(id, i));
        Verb<ContactInput>(api, "contacts", (o, id, i) => o.RecordContactAsync(id, i));
        Verb<ScheduleInput>(api, "schedule", (o, id, i) => o.ScheduleAsync(id, i));
        Verb<ConfirmationInput>(api, "day-before-confirmation", (o, id, i) => o.ConfirmDayBeforeAsync(id, i));
        api.MapPut("/{id:int}/checklist/{itemId:int}", async (int id, int itemId, ChecklistInput input, WorkOrderService orders) =>
        {
            await orders.SetChecklistItemAsync(id, itemId, input);
            return TypedResults.Ok(await orders.GetAsync(id));
        });
        Verb<RepairAssessmentInput>(api, "repair-assessment", (o, id, i) => o.AssessRepairAsync(id, i));
        Verb<RepairClassInput>(api, "repair-class", (o, id, i) => o.OverrideRepairClassAsync(id, i));
        Verb<VersionInput>(api, "depart", (o, id, i) => o.DepartAsync(id, i));
        Verb<CallAheadInput>(api, "call-ahead", (o, id, i) => o.CallAheadAsync(id, i));
        Verb<VersionInput>(api, "goods-on-the-way", (o, id, i) => o.NotifyGoodsOnTheWayAsync(id, i));
        Verb<PositionInput>(api, "check-in", (o, id, i) => o.CheckInAsync(id, i));
        Verb<PresentInput>(api, "present", (o, id, i) => o.RecordPresentAsync(id, i));
        Verb<MeasurementInput>(api, "measurements", (o, id, i) => o.AddMeasurementAsync(id, i));
        api.MapDelete("/{id:int}/measurements/{measurementId:int}", async (int id, int measurementId, WorkOrderService orders) =>
        {
            await orders.RemoveMeasurementAsync(id, measurementId);
            return TypedResults.Ok(await orders.GetAsync(id));
        });
        Verb<CommissioningInput>(api, "commissioning-tests", (o, id, i) => o.RecordTestAsync(id, i));
        api.MapPost("/{id:int}/photos", async Task<Created<PhotoCreated>> (int id, IFormFile photo, [FromForm] string? caption, WorkOrderService orders) =>
        {
            await using var stream = photo.OpenReadStream();
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer);
            var photoId = await orders.AddPhotoAsync(id, buffer.ToArray(), photo.ContentType, caption);
            return TypedResults.Created($"/api/work-orders/{id}/photos/{photoId}", new PhotoCreated(photoId));
        }).Accepts<IFormFile>("multipart/form-data");
        api.MapGet("/{id:int}/photos/{photoId:int}", async (int id, int photoId, WorkOrderService orders) =>
        {
            var (content, type) = await orders.GetPhotoAsync(id, photoId);
            return TypedResults.File(content, type);
        });
        Verb<VersionInput>(api, "complete", (o, id, i) => o.CompleteAsync(id, i));
        Verb<VersionInput>(api, "contact-details", (o, id, i) => o.SendContactDetailsAsync(id, i));
        Verb<PositionInput>(api, "check-out", (o, id, i) => o.CheckOutAsync(id, i));
        Verb<LeaveInput>(api, "leave-unfinished", (o, id, i) => o.LeaveUnfinishedAsync(id, i));
        Verb<HelperInput>(api, "helpers", (o, id, i) => o.AddHelperAsync(id, i));
        api.MapDelete("/{id:int}/helpers/{staffId:int}", async (int id, int staffId, WorkOrderService orders) =>
        {
            await orders.RemoveHelperAsync(id, staffId);
            return TypedResults.Ok(await orders.GetAsync(id));
        });
        Verb<TechnicianChangeInput>(api, "technician-change-requests", (o, id, i) => o.RequestTechnicianChangeAsync(id, i));
        api.MapPost("/{id:int}/technician-change-requests/{requestId:int}/decision",
            async (int id, int requestId, DecisionInput input, WorkOrderService orders) =>
            {
                await orders.DecideTechnicianChangeAsync(id, requestId, input);
                return TypedResults.Ok(await orders.GetAsync(id));
            });
        Verb<FitProblemInput>(api, "fit-problems", (o, id, i) => o.ReportFitProblemAsync(id, i));
        Verb<DepartmentInput>(api, "wait-for-department", (o, id, i) => o.WaitForDepartmentAsync(id, i));
        Verb<ConfirmationInput>(api, "confirm", (o, id, i) => o.ConfirmByDepartmentAsync(id, i));
        Verb<ReasonInput>(api, "cancel", (o, id, i) => o.CancelAsync(id, i));
        return app;
    }

    /// <summary>POST /api/work-orders/{id}/{verb}: does the change and answers with the job as it now is.</summary>
    // Generic, so bound at run time rather than by the compile-time generator (RDG011) — four small endpoints.
#pragma warning disable RDG011
    private static void Verb<TInput>(RouteGroupBuilder api, string verb, Func<WorkOrderService, int, TInput, Task> change) =>
        api.MapPost($"/{{id:int}}/{verb}", async (int id, TInput input, WorkOrderService orders) =>
        {
            await change(orders, id, input);
            return TypedResults.Ok(await orders.GetAsync(id));
        }).WithName($"WorkOrder_{verb}");
#pragma warning restore RDG011
}
