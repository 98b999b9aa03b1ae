using AfterSales.Features.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AfterSales.Features.Callbacks;

/// <summary>The callback queue (RPT-4): list, one callback, record a call, put a job in the queue by hand.</summary>
public static class CallbacksApi
{
    public static IEndpointRouteBuilder MapCallbacksApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/callbacks").WithTags("Callbacks");
        api.MapGet("/", async ([AsParameters] CallbackFilter filter, CallbackService callbacks, int page = 1, int pageSize = Paged<CallbackDto>.DefaultPageSize) =>
            TypedResults.Ok(await callbacks.ListAsync(filter, page, pageSize)));
        api.MapGet("/{id:int}", async (int id, CallbackService callbacks) => TypedResults.Ok(await callbacks.GetAsync(id)));
        api.MapPost("/{id:int}/calls", async (int id, CallbackInput input, CallbackService callbacks) =>
        {
            await callbacks.RecordAsync(id, input);
            return TypedResults.Ok(await callbacks.GetAsync(id));
        });
        api.MapPost("/", async Task<Created<CallbackDto>> (QueueInput input, CallbackService callbacks) =>
        {
            var id = await callbacks.QueueAsync(input.WorkOrderId);
            return TypedResults.Created($"/api/callbacks/{id}", await callbacks.GetAsync(id));
        });
        return app;
    }
}

public static class CallbacksSetup
{
    public static IServiceCollection AddCallbacks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(configuration.GetSection("Policy:Callbacks").Get<Domain.Callbacks.CallbackPolicy>() ?? new Domain.Callbacks.CallbackPolicy());
        services.AddSingleton(Random.Shared);
        services.AddScoped<CallbackQueue>();
        return services.AddScoped<CallbackService>();
    }
}
