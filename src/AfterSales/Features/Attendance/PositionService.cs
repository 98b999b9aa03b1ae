using AfterSales.Data;
using AfterSales.Domain;
using AfterSales.Domain.Attendance;
using AfterSales.Domain.WorkOrders;
using AfterSales.Features.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AfterSales.Features.Attendance;

public sealed record PositionInput(DateTimeOffset? At, double? Lat, double? Lng, double? Accuracy);

/// <summary>What a phone posts: its own positions, oldest first or not; <c>staffId</c> may be left out (it is the caller).</summary>
public sealed record PositionBatch(int? StaffId, IReadOnlyList<PositionInput>? Positions);

public sealed record PositionsStoredDto(int Stored);

/// <summary>Positions from the technicians' phones (ATT-1): validated as a whole, then appended; nothing is stored if one is bad.</summary>
public sealed class PositionService(AppDbContext db, IHttpContextAccessor http, TimeProvider clock, IOptions<AttendanceOptions> options)
{
    public async Task<int> StoreAsync(PositionBatch batch)
    {
        var scope = AccessScope.From(http.HttpContext!.User);
        if (batch.StaffId is { } staffId && staffId != scope.StaffId) throw new ForbiddenException("PositionsOnlyOwn");
        if (batch.Positions is not { Count: > 0 } positions) throw new DomainException("PositionsRequired") { Field = "positions" };
        var max = Math.Max(1, options.Value.MaxBatch);
        if (positions.Count > max) throw new DomainException("PositionsTooMany", max) { Field = "positions" };
        var now = clock.GetUtcNow();
        var rows = new List<Position>(positions.Count);
        for (var i = 0; i < positions.Count; i++)
        {
            var p = positions[i];
            var field = $"positions[{i}]";
            try
            {
                if (p is null) throw new DomainException("Required");
                var at = p.At ?? throw new DomainException("Required") { Field = "At" };
                var lat = p.Lat ?? throw new DomainException("Required") { Field = "Lat" };
                var lng = p.Lng ?? throw new DomainException("Required") { Field = "Lng" };
                rows.Add(new Position(scope.StaffId, at, new GeoPosition(lat, lng, p.Accuracy ?? 0), now));
            }
            catch (DomainException e)
            {
                var name = e.Field switch { null => "", "Latitude" => ".lat", "Longitude" => ".lng", "Accuracy" => ".accuracy", var f => "." + char.ToLowerInvariant(f[0]) + f[1..] };
                throw new DomainException(e.Code, e.Arguments) { Field = field + name };
            }
        }
        if (db.IsPostgres) await InsertAsync(rows);
        else
        {
            db.Positions.AddRange(rows);
            await db.SaveChangesAsync();
        }
        return rows.Count;
    }

    /// <summary>
    /// PostgreSQL: the whole batch in one statement (unnest of arrays). EF would send one INSERT … RETURNING per row, which
    /// makes a batch of 20 cost several times one position (docs/attendance-benchmark.md). Positions are append-only and
    /// not audited, so nothing is lost by going around the change tracker.
    /// </summary>
    private async Task InsertAsync(List<Position> rows)
    {
        var staff = rows.Select(r => r.StaffId).ToArray();
        var at = rows.Select(r => r.At.ToUniversalTime()).ToArray();
        var latitude = rows.Select(r => r.Latitude).ToArray();
        var longitude = rows.Select(r => r.Longitude).ToArray();
        var accuracy = rows.Select(r => r.AccuracyMeters).ToArray();
        var received = rows.Select(r => r.ReceivedAt.ToUniversalTime()).ToArray();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "Positions" ("StaffId", "At", "Latitude", "Longitude", "AccuracyMeters", "ReceivedAt")
            SELECT * FROM unnest({staff}, {at}, {latitude}, {longitude}, {accuracy}, {received})
            """);
        // Nothing is tracked: this writes the phone's idempotency key as applied, in the batch's transaction, so a retry after
        // a crash right after the commit is answered "done" and never inserts the batch twice.
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }
}
