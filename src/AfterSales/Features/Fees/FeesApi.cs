using AfterSales.Features.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace AfterSales.Features.Fees;

/// <summary>
/// Receipts (FEE-1) and cash hand-ins (FEE-2). A receipt outside the caller's scope is a 404; a change to a signed
/// receipt is a 409. Hand-ins have no PUT or DELETE: they are only added and confirmed.
/// </summary>
public static class FeesApi
{
    public static IEndpointRouteBuilder MapFeesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/receipts").WithTags("Receipts");
        api.MapGet("/", async ([AsParameters] ReceiptFilter filter, ReceiptService receipts, int page = 1,
            int pageSize = Paged<ReceiptSummaryDto>.DefaultPageSize) => TypedResults.Ok(await receipts.ListAsync(filter, page, pageSize)));
        api.MapGet("/{id:int}", async (int id, ReceiptService receipts) => TypedResults.Ok(await receipts.GetAsync(id)));
        api.MapPost("/", async Task<Created<ReceiptDto>> (ReceiptInput input, ReceiptService receipts) =>
        {
            var id = await receipts.CreateAsync(input);
            return TypedResults.Created($"/api/receipts/{id}", await receipts.GetAsync(id));
        });
        api.MapPost("/{id:int}/lines", async (int id, ReceiptLineInput input, ReceiptService receipts) =>
        {
            await receipts.AddLinesAsync(id, [input]);
            return TypedResults.Ok(await receipts.GetAsync(id));
        });
        api.MapDelete("/{id:int}/lines/{lineId:int}", async (int id, int lineId, ReceiptService receipts) =>
        {
            await receipts.RemoveLineAsync(id, lineId);
            return TypedResults.Ok(await receipts.GetAsync(id));
        });
        api.MapPut("/{id:int}/payment-method", async (int id, PaymentMethodInput input, ReceiptService receipts) =>
        {
            await receipts.ChangePaymentMethodAsync(id, input);
            return TypedResults.Ok(await receipts.GetAsync(id));
        });
        api.MapPost("/{id:int}/sign", async (int id, SignInput input, ReceiptService receipts) =>
        {
            await receipts.SignAsync(id, input);
            return TypedResults.Ok(await receipts.GetAsync(id));
        });
        api.MapPost("/{id:int}/void", async (int id, VoidInput input, ReceiptService receipts) =>
        {
            await receipts.VoidAsync(id, input);
            return TypedResults.Ok(await receipts.GetAsync(id));
        });
        api.MapGet("/{id:int}/signature", async Task<Results<FileContentHttpResult, NotFound>> (int id, ReceiptService receipts) =>
            (await receipts.GetWithSignatureAsync(id)).Signature is { } png ? TypedResults.File(png, "image/png") : TypedResults.NotFound());
        api.MapGet("/{id:int}/pdf", async (int id, ReceiptPdf pdf) =>
        {
            var (content, fileName) = await pdf.RenderAsync(id);
            return TypedResults.File(content, "application/pdf", fileName);
        });

        var cash = app.MapGroup("/api/cash").WithTags("Cash");
        cash.MapGet("/days", async ([AsParameters] CashFilter filter, CashService service) => TypedResults.Ok(await service.DaysAsync(filter)));
        cash.MapGet("/open-receipts", async (int? technicianId, CashService service) => TypedResults.Ok(await service.OpenReceiptsAsync(technicianId)));
        cash.MapGet("/hand-ins", async ([AsParameters] CashFilter filter, CashService service) => TypedResults.Ok(await service.HandInsAsync(filter)));
        cash.MapGet("/hand-ins/{id:int}", async (int id, CashService service) => TypedResults.Ok(await service.GetAsync(id)));
        cash.MapPost("/hand-ins", async Task<Created<HandInDto>> ([FromBody] HandInInput input, CashService service) =>
        {
            var id = await service.HandInAsync(input);
            return TypedResults.Created($"/api/cash/hand-ins/{id}", await service.GetAsync(id));
        });
        cash.MapPost("/hand-ins/{id:int}/confirm", async (int id, ConfirmInput input, CashService service) =>
        {
            await service.ConfirmAsync(id, input);
            return TypedResults.Ok(await service.GetAsync(id));
        });
        return app;
    }
}
