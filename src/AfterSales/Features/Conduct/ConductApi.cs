using AfterSales.Features.Identity;

namespace AfterSales.Features.Conduct;

/// <summary>The filter of the pending list: one region, or all the reader sees.</summary>
public sealed record PendingFilter
{
    public int? RegionId { get; init; }
}

/// <summary>HR-5, POL-1: acknowledging the policy in force, and who has not.</summary>
public static class ConductApi
{
    public static IEndpointRouteBuilder MapConductApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/policy-acknowledgements").WithTags("Policy acknowledgements");
        api.MapGet("/", async (AcknowledgementService acknowledgements) => TypedResults.Ok(await acknowledgements.StatusAsync()));
        api.MapPost("/", async (AcknowledgementService acknowledgements) => TypedResults.Ok(await acknowledgements.AcknowledgeAsync()));
        api.MapGet("/pending", async ([AsParameters] PendingFilter filter, AcknowledgementService acknowledgements) =>
            TypedResults.Ok(await acknowledgements.PendingAsync(filter.RegionId))).RequireAuthorization(Policies.ViewStaff);
        return app;
    }
}
