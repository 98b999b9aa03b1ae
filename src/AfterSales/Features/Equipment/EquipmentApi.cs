using System.Security.Claims;
using AfterSales.Features.Identity;
using AfterSales.Features.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AfterSales.Features.Equipment;

/// <summary>
/// Installed equipment (SEC-2): a unit outside the caller's scope answers 404 as if it did not exist; one they
/// may see but not change answers 403.
/// </summary>
public static class EquipmentApi
{
    public const double DefaultRadiusKm = 20;

    public static IEndpointRouteBuilder MapEquipmentApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/equipment").WithTags("Equipment");
        api.MapGet("/", async (EquipmentService equipment, ClaimsPrincipal user, string? q, string? kind, int? productId,
                string? warranty, int? customerId, int page = 1, int pageSize = Paged<EquipmentDto>.DefaultPageSize) =>
            TypedResults.Ok(await Paged<EquipmentDto>.FromAsync(
                equipment.Query(AccessScope.From(user), new EquipmentFilter(q, kind, productId, warranty, customerId)), page, pageSize)));
        // WO-10: the company's equipment around a place (a job's site, the technician's position).
        api.MapGet("/near", async (EquipmentService equipment, ClaimsPrincipal user, double? lat, double? lng,
                double radiusKm = DefaultRadiusKm, int limit = 50) =>
            TypedResults.Ok(await equipment.NearAsync(AccessScope.From(user), lat, lng, radiusKm, limit)));
        api.MapGet("/{id:int}", async (int id, EquipmentService equipment, ClaimsPrincipal user) =>
            TypedResults.Ok(await equipment.GetAsync(user, id)));
        api.MapPost("/", async Task<Results<Created<EquipmentDto>, ForbidHttpResult>> (EquipmentInput input, EquipmentService equipment, ClaimsPrincipal user) =>
        {
            var outcome = await equipment.SaveAsync(user, null, input);
            if (outcome.Denied) return TypedResults.Forbid();
            return TypedResults.Created($"/api/equipment/{outcome.Id}", await equipment.GetAsync(user, outcome.Id));
        });
        api.MapPut("/{id:int}", async Task<Results<Ok<EquipmentDto>, ForbidHttpResult>> (int id, EquipmentInput input, EquipmentService equipment, ClaimsPrincipal user) =>
        {
            var outcome = await equipment.SaveAsync(user, id, input);
            if (outcome.Denied) return TypedResults.Forbid();
            return TypedResults.Ok(await equipment.GetAsync(user, outcome.Id));
        });
        return app;
    }
}
