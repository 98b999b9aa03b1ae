using System.Security.Claims;
using AfterSales.Infrastructure;

namespace AfterSales.Features.Dispatch;

/// <summary>
/// The dispatch board's API (SCH-4): the board of a region's day, checking and saving a move, locks, running the
/// optimizer and accepting its proposal. Dispatchers only (<see cref="Identity.Policies.Dispatch"/>), within their region.
/// </summary>
public static class DispatchApi
{
    public static IEndpointRouteBuilder MapDispatchApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/dispatch").WithTags("Dispatch").RequireAuthorization(Identity.Policies.Dispatch);
        api.MapGet("/board", async ([AsParameters] BoardQuery query, ClaimsPrincipal user, DispatchService dispatch, LocalTime local) =>
        {
            var region = await dispatch.RegionAsync(user, query.Region);
            return TypedResults.Ok(await dispatch.BoardAsync(user, region, query.Day ?? local.Today));
        });
        api.MapGet("/proposals/{id:int}", async (int id, ClaimsPrincipal user, DispatchService dispatch) =>
            TypedResults.Ok(await dispatch.GetProposalAsync(user, id)));
        api.MapPost("/check-move", async (MoveInput input, ClaimsPrincipal user, DispatchService dispatch) =>
            TypedResults.Ok(new MoveResult(false, await dispatch.CheckMoveAsync(user, input))));
        api.MapPost("/move", async (MoveInput input, ClaimsPrincipal user, DispatchService dispatch) =>
            TypedResults.Ok(await dispatch.MoveAsync(user, input)));
        api.MapPost("/lock", async (LockInput input, ClaimsPrincipal user, DispatchService dispatch) =>
        {
            await dispatch.LockAsync(user, input);
            return TypedResults.NoContent();
        });
        api.MapPost("/optimize", async (OptimizeInput input, ClaimsPrincipal user, DispatchService dispatch) =>
        {
            var region = await dispatch.RegionAsync(user, input.Region);
            var id = await dispatch.OptimizeAsync(user, region, input.Day);
            return TypedResults.Ok(await dispatch.GetProposalAsync(user, id));
        });
        api.MapPost("/accept", async (AcceptInput input, ClaimsPrincipal user, DispatchService dispatch) =>
            TypedResults.Ok(await dispatch.AcceptAsync(user, input)));
        return app;
    }
}
