using AfterSales.Domain.People;
using AfterSales.Features.Shared;
using AfterSales.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AfterSales.Features.Leads;

/// <summary>The list's filters: text, state (New, Forwarded, Contacted, Won, Lost) and paging.</summary>
public sealed record LeadFilter
{
    public string? Q { get; init; }
    public SalesLeadState? State { get; init; }
    public int? Page { get; init; }
    public int? PageSize { get; init; }
}

/// <summary>Sales leads (HR-4): the technician records, the region's managers move them on and reward the won ones.</summary>
public static class LeadsApi
{
    public static IEndpointRouteBuilder MapLeadsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/leads").WithTags("Sales leads");
        api.MapGet("/", async ([AsParameters] LeadFilter filter, LeadService leads) =>
            TypedResults.Ok(await Paged<SalesLeadDto>.FromAsync(leads.Query(filter.Q, filter.State), filter.Page ?? 1,
                filter.PageSize ?? Paged<SalesLeadDto>.DefaultPageSize)));
        api.MapGet("/{id:int}", async Task<Ok<SalesLeadDto>> (int id, LeadService leads) => TypedResults.Ok(await leads.GetAsync(id)));
        api.MapPost("/", async (SalesLeadInput input, LeadService leads) =>
        {
            var id = await leads.RecordAsync(input);
            return TypedResults.Created($"/api/leads/{id}", new CreatedId(id));
        });
        api.MapPost("/{id:int}/progress", async (int id, SalesLeadProgress step, LeadService leads) =>
        {
            await leads.ProgressAsync(id, step);
            return TypedResults.Ok(await leads.GetAsync(id));
        });
        return app;
    }
}
