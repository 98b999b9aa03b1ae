using AfterSales.Domain;
using AfterSales.Domain.Travel;
using AfterSales.Features.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace AfterSales.Features.Trips;

/// <summary>
/// Trips (TRV-1…TRV-4) under /api/trips with the same rules as the pages (one <see cref="TripService"/>). Tickets and
/// expenses are posted as multipart forms with their photo; amounts are decimal CNY.
/// </summary>
public static class TripsApi
{
    public static IEndpointRouteBuilder MapTripsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/trips").WithTags("Trips");
        api.MapGet("/", async ([AsParameters] TripFilter filter, TripService trips, int page = 1, int pageSize = Paged<TripSummaryDto>.DefaultPageSize) =>
            TypedResults.Ok(await trips.ListAsync(filter, page, pageSize)));
        api.MapGet("/{id:int}", async (int id, TripService trips) => TypedResults.Ok(await trips.GetAsync(id)));
        api.MapGet("/allowance", async (DateTimeOffset depart, DateTimeOffset @return, TripService trips) =>
            TypedResults.Ok(await trips.AllowanceAsync(depart, @return)));
        api.MapPost("/", async Task<Created<TripDto>> (TripInput input, TripService trips) =>
        {
            var id = await trips.CreateAsync(input);
            return TypedResults.Created($"/api/trips/{id}", await trips.GetAsync(id));
        });
        api.MapPut("/{id:int}", async (int id, TripInput input, TripService trips) =>
        {
            await trips.EditAsync(id, input);
            return TypedResults.Ok(await trips.GetAsync(id));
        });
        api.MapPost("/{id:int}/depart", async (int id, DepartInput input, TripService trips) =>
        {
            await trips.DepartAsync(id, input);
            return TypedResults.Ok(await trips.GetAsync(id));
        });
        api.MapPost("/{id:int}/close", async (int id, CloseInput input, TripService trips) =>
        {
            await trips.CloseAsync(id, input);
            return TypedResults.Ok(await trips.GetAsync(id));
        });
        api.MapPost("/{id:int}/tickets", async Task<Created<TripDto>> (int id, [FromForm] TicketKind? kind, [FromForm] decimal? amount,
            [FromForm] DateOnly? travelOn, [FromForm] string? boardingPlace, [FromForm] string? arrivalPlace, IFormFile? photo, TripService trips) =>
        {
            var (content, type) = await ReadAsync(photo);
            var ticketId = await trips.AddTicketAsync(id, new TicketInput(kind, amount, travelOn, boardingPlace, arrivalPlace, content, type));
            return TypedResults.Created($"/api/trips/{id}/tickets/{ticketId}/photo", await trips.GetAsync(id));
        }).DisableAntiforgery();
        api.MapDelete("/{id:int}/tickets/{ticketId:int}", async (int id, int ticketId, TripService trips) =>
        {
            await trips.RemoveTicketAsync(id, ticketId);
            return TypedResults.Ok(await trips.GetAsync(id));
        });
        api.MapGet("/{id:int}/tickets/{ticketId:int}/photo", async (int id, int ticketId, TripService trips) =>
        {
            var (content, type) = await trips.TicketPhotoAsync(id, ticketId);
            return TypedResults.File(content, type);
        });
        api.MapPost("/{id:int}/expenses", async Task<Created<TripDto>> (int id, [FromForm] string? description, [FromForm] decimal? amount,
            [FromForm] DateOnly? spentOn, IFormFile? receipt, TripService trips) =>
        {
            var (content, type) = await ReadAsync(receipt);
            var expenseId = await trips.AddExpenseAsync(id, new ExpenseInput(description, amount, spentOn, content, type));
            return TypedResults.Created($"/api/trips/{id}/expenses/{expenseId}/receipt", await trips.GetAsync(id));
        }).DisableAntiforgery();
        api.MapDelete("/{id:int}/expenses/{expenseId:int}", async (int id, int expenseId, TripService trips) =>
        {
            await trips.RemoveExpenseAsync(id, expenseId);
            return TypedResults.Ok(await trips.GetAsync(id));
        });
        api.MapGet("/{id:int}/expenses/{expenseId:int}/receipt", async (int id, int expenseId, TripService trips) =>
        {
            var (content, type) = await trips.ExpenseReceiptAsync(id, expenseId);
            return TypedResults.File(content, type);
        });
        api.MapPost("/{id:int}/expenses/{expenseId:int}/false", async (int id, int expenseId, FalseClaimInput input, TripService trips) =>
        {
            var incident = await trips.MarkFalseAsync(id, expenseId, input);
            return TypedResults.Ok(new FalseClaimResult(incident, await trips.GetAsync(id)));
        });
        api.MapPost("/{id:int}/submit", async (int id, VersionInput input, TripService trips) =>
        {
            await trips.SubmitAsync(id, input);
            return TypedResults.Ok(await trips.GetAsync(id));
        });
        api.MapPost("/{id:int}/approve", async (int id, VersionInput input, TripService trips) =>
        {
            await trips.ApproveAsync(id, input);
            return TypedResults.Ok(await trips.GetAsync(id));
        });
        api.MapPost("/{id:int}/reject", async (int id, RejectInput input, TripService trips) =>
        {
            await trips.RejectAsync(id, input);
            return TypedResults.Ok(await trips.GetAsync(id));
        });
        api.MapGet("/reimbursements/{month}", async (string month, TripService trips) => TypedResults.Ok(await trips.ReimbursementsAsync(month)));
        api.MapGet("/reimbursements/{month}/export", async (string month, ReimbursementExport export) =>
        {
            var (content, fileName) = await export.RenderAsync(month);
            return TypedResults.File(content, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", fileName);
        });
        return app;
    }

    /// <summary>A photo from a form, or nothing; the size is checked before it is read.</summary>
    public static async Task<(byte[]? Content, string? Type)> ReadAsync(IFormFile? file)
    {
        if (file is null || file.Length == 0) return (null, null);
        if (file.Length > TripFile.MaxBytes) throw new DomainException("PhotoTooLarge", TripFile.MaxBytes / 1024 / 1024) { Field = "Photo" };
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer);
        return (buffer.ToArray(), file.ContentType);
    }
}
