using AfterSales.Domain;
using AfterSales.Domain.Assessment;
using AfterSales.Features.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AfterSales.Features.Assessment;

public sealed record PolicyTextInput(string? Text, int Version = 0);

public sealed record PolicyApprovalInput(DateOnly EffectiveFrom, int Version);

public sealed record PolicyRejectionInput(string? Note, int Version);

public sealed record VersionOnly(int Version);

public sealed record PolicyVersionDto(int Id, int Number, int Version, string Name, PolicyVersionState State, DateOnly? EffectiveFrom,
    DateTimeOffset CreatedAt, DateTimeOffset? SubmittedAt, DateTimeOffset? DecidedAt, string? DecisionNote, string Text)
{
    public static PolicyVersionDto Of(PolicyVersion v) => new(v.Id, v.Number, v.Version, v.Name, v.State, v.EffectiveFrom, v.CreatedAt, v.SubmittedAt,
        v.DecidedAt, v.DecisionNote, v.Text);
}

public sealed record PolicyProblemDto(string Path, string Message);

/// <summary>
/// The assessment API (issue 5): policy versions (POL-1), incidents with evidence and appeals (ASM-15), monthly
/// statements, the month close and the payroll export (RNK-4).
/// </summary>
public static class AssessmentApi
{
    public static IEndpointRouteBuilder MapAssessmentApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/assessment").WithTags("Assessment");

        api.MapGet("/policies", async (PolicyBook book) => TypedResults.Ok((await book.ListAsync()).Select(PolicyVersionDto.Of).ToList()));
        api.MapGet("/policies/{id:int}", async (int id, PolicyBook book) => TypedResults.Ok(PolicyVersionDto.Of(await book.GetAsync(id))));
        api.MapPost("/policies/check", (PolicyTextInput input, PolicyBook book) =>
            TypedResults.Ok(book.Check(input.Text).Select(e => new PolicyProblemDto(e.Path, e.Message)).ToList()));
        api.MapPost("/policies", async (PolicyTextInput input, PolicyBook book) =>
        {
            var id = await book.DraftAsync(input.Text);
            return TypedResults.Created($"/api/assessment/policies/{id}", PolicyVersionDto.Of(await book.GetAsync(id)));
        });
        api.MapPut("/policies/{id:int}", async (int id, PolicyTextInput input, PolicyBook book) =>
        {
            await book.EditAsync(id, input.Version, input.Text);
            return TypedResults.Ok(PolicyVersionDto.Of(await book.GetAsync(id)));
        });
        api.MapPost("/policies/{id:int}/submit", async (int id, VersionOnly input, PolicyBook book) =>
        {
            await book.SubmitAsync(id, input.Version);
            return TypedResults.Ok(PolicyVersionDto.Of(await book.GetAsync(id)));
        });
        api.MapPost("/policies/{id:int}/approve", async (int id, PolicyApprovalInput input, PolicyBook book) =>
        {
            await book.ApproveAsync(id, input.Version, input.EffectiveFrom);
            return TypedResults.Ok(PolicyVersionDto.Of(await book.GetAsync(id)));
        });
        api.MapPost("/policies/{id:int}/reject", async (int id, PolicyRejectionInput input, PolicyBook book) =>
        {
            await book.RejectAsync(id, input.Version, input.Note);
            return TypedResults.Ok(PolicyVersionDto.Of(await book.GetAsync(id)));
        });

        api.MapGet("/incidents", async ([AsParameters] IncidentFilter filter, IncidentService incidents, int page = 1, int pageSize = Paged<IncidentSummaryDto>.DefaultPageSize) =>
            TypedResults.Ok(await incidents.ListAsync(filter, page, Math.Clamp(pageSize, 1, Paged<IncidentSummaryDto>.MaxPageSize))));
        api.MapGet("/incidents/{id:int}", async (int id, IncidentService incidents) => TypedResults.Ok(await incidents.GetAsync(id)));
        api.MapPost("/incidents", async (IncidentInput input, IncidentService incidents) =>
        {
            var id = await incidents.RecordAsync(input);
            return TypedResults.Created($"/api/assessment/incidents/{id}", await incidents.GetAsync(id));
        });
        api.MapPost("/incidents/{id:int}/appeal", async (int id, AppealInput input, IncidentService incidents) =>
        {
            await incidents.AppealAsync(id, input);
            return TypedResults.Ok(await incidents.GetAsync(id));
        });
        api.MapPost("/incidents/{id:int}/appeal-decision", async (int id, AppealDecisionInput input, IncidentService incidents) =>
        {
            await incidents.DecideAppealAsync(id, input);
            return TypedResults.Ok(await incidents.GetAsync(id));
        });
        api.MapPost("/incidents/{id:int}/files", async Task<Created<IncidentFileDto>> (int id, IFormFile file, IncidentService incidents) =>
        {
            await using var stream = file.OpenReadStream();
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer);
            var added = await incidents.AddEvidenceAsync(id, file.FileName, file.ContentType, buffer.ToArray());
            return TypedResults.Created($"/api/assessment/incidents/{id}/files/{added.Id}", added);
        }).Accepts<IFormFile>("multipart/form-data");
        api.MapGet("/incidents/{id:int}/files/{fileId:int}", async (int id, int fileId, IncidentService incidents) =>
        {
            var file = await incidents.FileAsync(id, fileId);
            return TypedResults.File(file.Content, file.ContentType, file.Name);
        });

        api.MapGet("/months/{month}", async (string month, StatementService statements) => TypedResults.Ok(await statements.MonthAsync(Month(month))));
        api.MapGet("/months/{month}/statements/{staffId:int}", async (string month, int staffId, StatementService statements) =>
            TypedResults.Ok(await statements.StatementAsync(staffId, Month(month))));
        api.MapPost("/months/{month}/close", async (string month, StatementService statements, CancellationToken ct) =>
            TypedResults.Ok(await statements.CloseAsync(Month(month), ct)));
        api.MapGet("/months/{month}/export", async (string month, StatementService statements) =>
        {
            var (content, name) = await statements.ExportAsync(Month(month));
            return TypedResults.File(content, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name);
        });
        return app;
    }

    internal static (int Year, int Month) Month(string? text) =>
        MonthRange.TryParse(text, out var month) ? month : throw new DomainException("MonthFormat") { Field = "Month" };
}
