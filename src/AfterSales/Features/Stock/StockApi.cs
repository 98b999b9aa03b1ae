using AfterSales.Infrastructure;
using AfterSales.Domain.Inventory;
using AfterSales.Features.Identity;
using AfterSales.Features.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AfterSales.Features.Stock;

/// <summary>
/// /api/stock (INV-1…INV-3, VIS-1): locations and stock on hand, the ledger, movements, tools, a job's goods and materials,
/// part returns and stocktakes — through the same services as the pages, so the same rules and the same per-record access.
/// </summary>
public static class StockApi
{
    public static IEndpointRouteBuilder MapStockApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/stock").WithTags("Stock");

        api.MapGet("/items", async (StockService stock, string? q, StockItemKind? kind, int page = 1, int pageSize = Paged<StockItemDto>.DefaultPageSize) =>
            TypedResults.Ok(await Paged<StockItemDto>.FromAsync(stock.Items(q, kind), page, pageSize)));
        api.MapPost("/items", async (StockItemInput input, StockService stock) =>
        {
            var id = await stock.CreateItemAsync(input);
            return TypedResults.Created($"/api/stock/items/{id}", await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(stock.Items(id: id)));
        }).RequireAuthorization(Policies.ManageStock);
        api.MapGet("/items/{id:int}", async Task<Results<Ok<StockItemDto>, NotFound>> (int id, StockService stock) =>
            await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleOrDefaultAsync(stock.Items(id: id)) is { } item
                ? TypedResults.Ok(item) : TypedResults.NotFound());
        api.MapPut("/items/{id:int}", async (int id, StockItemInput input, StockService stock) =>
        {
            await stock.UpdateItemAsync(id, input);
            return TypedResults.Ok(await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(stock.Items(id: id)));
        }).RequireAuthorization(Policies.ManageStock);

        api.MapGet("/locations", async (StockService stock, StockLocationKind? kind) => TypedResults.Ok(await stock.LocationsAsync(kind)));
        api.MapGet("/locations/{id:int}", async (int id, StockService stock) => TypedResults.Ok(await stock.StockAsync(id)));
        api.MapGet("/locations/{id:int}/movements", async (int id, StockService stock, int page = 1, int pageSize = Paged<MovementDto>.DefaultPageSize) =>
            TypedResults.Ok(await stock.MovementsAsync(id, page, pageSize)));
        api.MapGet("/mine", async Task<Results<Ok<LocationStockDto>, NotFound>> (StockService stock) =>
            await stock.MyLocationAsync(create: true) is { } mine ? TypedResults.Ok(await stock.StockAsync(mine.Id)) : TypedResults.NotFound());

        api.MapPost("/movements", async (MovementInput input, StockService stock) =>
        {
            var id = await stock.MoveAsync(input);
            return TypedResults.Created($"/api/stock/movements/{id}", new CreatedId(id));
        }).RequireAuthorization(Policies.ManageStock);

        api.MapGet("/tools", async (StockService stock, int? technicianId) => TypedResults.Ok(await stock.ToolHoldingsAsync(technicianId)));
        api.MapPost("/tools/issue", async (ToolIssueInput input, StockService stock) =>
        {
            var id = await stock.IssueToolAsync(input);
            return TypedResults.Created($"/api/stock/movements/{id}", new CreatedId(id));
        }).RequireAuthorization(Policies.ManageStock);
        api.MapPost("/tools/return", async (ToolReturnInput input, StockService stock) =>
        {
            var id = await stock.ReturnToolAsync(input);
            return TypedResults.Created($"/api/stock/movements/{id}", new CreatedId(id));
        }).RequireAuthorization(Policies.ManageStock);

        var jobs = api.MapGroup("/jobs/{workOrderId:int}");
        jobs.MapGet("/", async (int workOrderId, JobStockService job) => TypedResults.Ok(await job.GetAsync(workOrderId)));
        jobs.MapPut("/goods-check", async (int workOrderId, GoodsCheckInput input, JobStockService job) =>
        {
            await job.RecordGoodsCheckAsync(workOrderId, input);
            return TypedResults.Ok(await job.GetAsync(workOrderId));
        });
        jobs.MapPost("/goods-check/resolve", async (int workOrderId, GoodsResolveInput input, JobStockService job) =>
        {
            await job.ResolveGoodsAsync(workOrderId, input);
            return TypedResults.Ok(await job.GetAsync(workOrderId));
        });
        jobs.MapPost("/goods-check/load", async (int workOrderId, JobStockService job) =>
        {
            await job.LoadGoodsAsync(workOrderId);
            return TypedResults.Ok(await job.GetAsync(workOrderId));
        });
        jobs.MapPost("/consume", async (int workOrderId, ConsumeInput input, JobStockService job) =>
        {
            await job.ConsumeAsync(workOrderId, input);
            return TypedResults.Ok(await job.GetAsync(workOrderId));
        });
        jobs.MapPost("/count-back", async (int workOrderId, CountBackInput input, JobStockService job) =>
        {
            await job.CountBackAsync(workOrderId, input);
            return TypedResults.Ok(await job.GetAsync(workOrderId));
        });
        // 201 with a new receipt; 200 when the accessories went onto the job's open draft.
        jobs.MapPost("/receipt", async Task<Results<Created<CreatedId>, Ok<CreatedId>>> (int workOrderId, JobStockService job) =>
        {
            var (id, created) = await job.BillAsync(workOrderId);
            return created ? TypedResults.Created($"/api/receipts/{id}", new CreatedId(id)) : TypedResults.Ok(new CreatedId(id));
        });

        api.MapGet("/returns", async (PartReturnService returns, PartReturnState? state, int? technicianId, bool? overdue, int page = 1,
            int pageSize = Paged<PartReturnDto>.DefaultPageSize) => TypedResults.Ok(await returns.ListAsync(new(state, technicianId, overdue), page, pageSize)));
        api.MapGet("/returns/{id:int}", async (int id, PartReturnService returns) => TypedResults.Ok(await returns.GetAsync(id)));
        api.MapPost("/returns/{id:int}/ship", async (int id, ShipInput input, PartReturnService returns) =>
        {
            await returns.ShipAsync(id, input);
            return TypedResults.Ok(await returns.GetAsync(id));
        });
        api.MapPost("/returns/{id:int}/receive", async (int id, ReceiveInput input, PartReturnService returns) =>
        {
            await returns.ReceiveAsync(id, input);
            return TypedResults.Ok(await returns.GetAsync(id));
        }).RequireAuthorization(Policies.ManageStock);
        api.MapPost("/returns/{id:int}/sold", async (int id, SoldInput input, PartReturnService returns) =>
        {
            await returns.ReportSoldAsync(id, input);
            return TypedResults.Ok(await returns.GetAsync(id));
        }).RequireAuthorization(Policies.ManageStock);
        api.MapPost("/returns/{id:int}/stolen", async (int id, HttpRequest request, PartReturnService returns) =>
        {
            var form = await request.ReadFormAsync();
            var file = form.Files.GetFile("report");
            byte[]? content = null;
            if (file is not null)
            {
                await using var stream = file.OpenReadStream();
                using var buffer = new MemoryStream();
                await stream.CopyToAsync(buffer);
                content = buffer.ToArray();
            }
            await returns.ReportStolenAsync(id, new StolenInput(form["policeStation"], form["policeOfficerNumber"], file?.FileName, file?.ContentType, content));
            return TypedResults.Ok(await returns.GetAsync(id));
        }).Accepts<IFormFile>("multipart/form-data");
        api.MapGet("/returns/{id:int}/police-report", async (int id, PartReturnService returns) =>
        {
            var (name, type, content) = await returns.PoliceReportAsync(id);
            return TypedResults.File(content, type, name);
        });

        api.MapGet("/stocktakes", async (StocktakeService takes, int page = 1) => TypedResults.Ok(await takes.ListAsync(page)));
        api.MapPost("/stocktakes", async (StocktakeInput input, StocktakeService takes) =>
        {
            var id = await takes.StartAsync(input);
            return TypedResults.Created($"/api/stock/stocktakes/{id}", await takes.GetAsync(id));
        }).RequireAuthorization(Policies.ManageStock);
        api.MapGet("/stocktakes/{id:int}", async (int id, StocktakeService takes) => TypedResults.Ok(await takes.GetAsync(id)));
        api.MapPut("/stocktakes/{id:int}/counts", async (int id, CountInput input, StocktakeService takes) =>
        {
            await takes.CountAsync(id, input);
            return TypedResults.Ok(await takes.GetAsync(id));
        }).RequireAuthorization(Policies.ManageStock);
        api.MapPost("/stocktakes/{id:int}/approve", async (int id, StocktakeService takes) =>
        {
            await takes.ApproveAsync(id);
            return TypedResults.Ok(await takes.GetAsync(id));
        }).RequireAuthorization(Policies.ManageStock);
        return app;
    }
}
