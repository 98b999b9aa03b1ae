using AfterSales.Features.Identity;
using AfterSales.Features.Shared;

namespace AfterSales.Features.Outbox;

/// <summary>The outbox for administrators: what was sent to whom, failures, "send again" and "send due now".</summary>
public static class OutboxApi
{
    public static IEndpointRouteBuilder MapOutboxApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/outbox").WithTags("Outbox").RequireAuthorization(Policies.ViewOutbox);
        api.MapGet("/", async ([AsParameters] OutboxFilter filter, OutboxService outbox, int page = 1, int pageSize = Paged<OutboxMessageDto>.DefaultPageSize) =>
            TypedResults.Ok(await outbox.ListAsync(filter, page, pageSize)));
        api.MapGet("/{id:int}", async (int id, OutboxService outbox) => TypedResults.Ok(await outbox.GetAsync(id)));
        api.MapPost("/{id:int}/retry", async (int id, OutboxService outbox) =>
        {
            await outbox.RetryAsync(id);
            return TypedResults.Ok(await outbox.GetAsync(id));
        });
        api.MapPost("/send-due", async (OutboxDispatcher dispatcher, CancellationToken ct) =>
            TypedResults.Ok(new SendDueResult(await dispatcher.SendDueAsync(ct))));
        return app;
    }
}
