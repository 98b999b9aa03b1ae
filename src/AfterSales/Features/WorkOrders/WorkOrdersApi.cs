using AfterSales.Features.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

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
        Verb<VersionInput>(api, "check-in", (o, id, i) => o.CheckInAsync(id, i));
        Verb<VersionInput>(api, "complete", (o, id, i) => o.CompleteAsync(id, i));
        Verb<DepartmentInput>(api, "wait-for-department", (o, id, i) => o.WaitForDepartmentAsync(id, i));
        Verb<ConfirmationInput>(api, "confirm", (o, id, i) => o.ConfirmByDepartmentAsync(id, i));
        Verb<ReasonInput>(api, "cancel", (o, id, i) => o.CancelAsync(id, i));
        return app;
    }

    /// <summary>POST /api/work-orders/{id}/{verb}: does the change and answers with the job as it now is.</summary>
    private static void Verb<TInput>(RouteGroupBuilder api, string verb, Func<WorkOrderService, int, TInput, Task> change) =>
        api.MapPost($"/{{id:int}}/{verb}", async (int id, TInput input, WorkOrderService orders) =>
        {
            await change(orders, id, input);
            return TypedResults.Ok(await orders.GetAsync(id));
        }).WithName($"WorkOrder_{verb}");
}
