using AfterSales.Domain.Records;
using AfterSales.Features.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AfterSales.Features.Records;

/// <summary>
/// Service records (REC-1…REC-4): drafts, signing (a base64 PNG), links to sign or answer the survey by SMS,
/// amendments, hand-in and verification. A signed record refuses every change with a 409.
/// </summary>
public static class RecordsApi
{
    public static IEndpointRouteBuilder MapRecordsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/records").WithTags("Records");
        api.MapGet("/", async ([AsParameters] RecordFilter filter, RecordService records, int page = 1, int pageSize = Paged<RecordSummaryDto>.DefaultPageSize) =>
            TypedResults.Ok(await records.ListAsync(filter, page, pageSize)));
        api.MapGet("/{id:int}", async (int id, RecordService records) => TypedResults.Ok(await records.GetAsync(id)));
        api.MapGet("/{id:int}/content", async Task<Ok<RecordContent>> (int id, RecordService records) => TypedResults.Ok((await records.GetAsync(id)).Content));
        api.MapGet("/{id:int}/pdf", async (int id, HttpRequest request, RecordPdf pdf) =>
        {
            var (content, fileName) = await pdf.RenderAsync(id, $"{request.Scheme}://{request.Host}{request.PathBase}");
            return TypedResults.File(content, "application/pdf", fileName);
        });
        api.MapGet("/{id:int}/signature", async Task<Results<FileContentHttpResult, NotFound>> (int id, RecordService records) =>
            await records.SignatureAsync(id) is { } png ? TypedResults.File(png, "image/png") : TypedResults.NotFound());
        api.MapPost("/", async Task<Ok<RecordDto>> (RecordDraftInput input, RecordService records) =>
            TypedResults.Ok(await records.GetAsync(await records.SaveDraftAsync(input))));
        api.MapPut("/{id:int}", async Task<Ok<RecordDto>> (int id, RecordDraftInput input, RecordService records) =>
        {
            await records.UpdateDraftAsync(id, input);
            return TypedResults.Ok(await records.GetAsync(id));
        });
        api.MapPost("/{id:int}/sign", async Task<Ok<RecordDto>> (int id, SignInput input, RecordService records) =>
        {
            await records.SignAsync(id, input);
            return TypedResults.Ok(await records.GetAsync(id));
        });
        api.MapPost("/{id:int}/signing-link", async Task<Ok<LinkSentDto>> (int id, RecordService records) => TypedResults.Ok(await records.SendSigningLinkAsync(id)));
        api.MapPost("/{id:int}/survey-link", async Task<Ok<LinkSentDto>> (int id, RecordService records) => TypedResults.Ok(await records.SendSurveyLinkAsync(id)));
        api.MapPost("/{id:int}/survey-code", async Task<Ok<SurveyCodeDto>> (int id, RecordService records) => TypedResults.Ok(await records.ShowSurveyCodeAsync(id)));
        api.MapPost("/{id:int}/survey", async Task<Ok<RecordDto>> (int id, SurveyInput input, RecordService records) =>
        {
            await records.SurveyAsync(id, input);
            return TypedResults.Ok(await records.GetAsync(id));
        });
        api.MapPost("/{id:int}/amendments", async Task<Ok<RecordDto>> (int id, AmendmentInput input, RecordService records) =>
        {
            await records.AmendAsync(id, input);
            return TypedResults.Ok(await records.GetAsync(id));
        });
        api.MapPost("/acknowledge", async Task<Ok<AcknowledgedDto>> (AcknowledgeInput input, RecordService records) =>
            TypedResults.Ok(new AcknowledgedDto(await records.AcknowledgeAsync(input))));
        api.MapGet("/{id:int}/verify", async Task<Ok<VerifyDto>> (int id, RecordService records) => TypedResults.Ok(await records.VerifyAsync(id)));
        return app;
    }
}

public sealed record AcknowledgedDto(int Acknowledged);
