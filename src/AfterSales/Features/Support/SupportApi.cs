using AfterSales.Features.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AfterSales.Features.Support;

/// <summary>
/// Technical-guidance and support requests (WO-9): raised on a work order, answered, closed. A request outside the
/// caller's scope is a 404; a step its state does not allow is a 409 naming the step and the state.
/// </summary>
public static class SupportApi
{
    public static IEndpointRouteBuilder MapSupportApi(this IEndpointRouteBuilder app)
    {
        var onOrder = app.MapGroup("/api/work-orders/{workOrderId:int}/support-requests").WithTags("Support");
        onOrder.MapGet("/", async (int workOrderId, SupportRequestService support) => TypedResults.Ok(await support.ForWorkOrderAsync(workOrderId)));
        onOrder.MapPost("/", async Task<Created<SupportRequestDto>> (int workOrderId, RaiseSupportInput input, SupportRequestService support) =>
        {
            var id = await support.RaiseAsync(workOrderId, input);
            return TypedResults.Created($"/api/support-requests/{id}", await support.GetAsync(id));
        });

        var api = app.MapGroup("/api/support-requests").WithTags("Support");
        api.MapGet("/", async ([AsParameters] SupportFilter filter, SupportRequestService support, int page = 1,
            int pageSize = Paged<SupportRequestDto>.DefaultPageSize) => TypedResults.Ok(await support.ListAsync(filter, page, pageSize)));
        api.MapGet("/{id:int}", async (int id, SupportRequestService support) => TypedResults.Ok(await support.GetAsync(id)));
        api.MapPost("/{id:int}/answer", async (int id, AnswerSupportInput input, SupportRequestService support) =>
        {
            await support.AnswerAsync(id, input);
            return TypedResults.Ok(await support.GetAsync(id));
        });
        api.MapPost("/{id:int}/close", async (int id, SupportActionInput input, SupportRequestService support) =>
        {
            await support.CloseAsync(id, input);
            return TypedResults.Ok(await support.GetAsync(id));
        });
        api.MapPost("/{id:int}/cancel", async (int id, SupportActionInput input, SupportRequestService support) =>
        {
            await support.CancelAsync(id, input);
            return TypedResults.Ok(await support.GetAsync(id));
        });
        return app;
    }
}
