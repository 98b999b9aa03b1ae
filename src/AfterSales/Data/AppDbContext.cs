using AfterSales.Domain.Audit;
using AfterSales.Domain.Callbacks;
using AfterSales.Domain.Catalog;
using AfterSales.Domain.Messaging;
using AfterSales.Domain.Customers;
using AfterSales.Domain.Assessment;
using AfterSales.Domain.Fees;
using AfterSales.Domain.Organization;
using AfterSales.Domain.People;
using AfterSales.Domain.Records;
using AfterSales.Domain.Reports;
using AfterSales.Domain.Scheduling;
using AfterSales.Domain.WorkOrders;
using AfterSales.Features.Identity;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace AfterSales.Data;

/// <summary>
/// The one database of the app. Two subclasses exist only so that SQLite and PostgreSQL each keep their
/// own migrations; everything else is here.
/// </summary>
public abstract class AppDbContext(DbContextOptions options, AuditActor actor, TimeProvider clock)
    : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    public DbSet<Region> Regions => Set<Region>();
    public DbSet<Staff> Staff => Set<Staff>();
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<Site> Sites => Set<Site>();
    public DbSet<SiteContact> SiteContacts => Set<SiteContact>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<ProductFile> ProductFiles => Set<ProductFile>();
    public DbSet<InstalledEquipment> Equipment => Set<InstalledEquipment>();
    public DbSet<WorkOrder> WorkOrders => Set<WorkOrder>();
    public DbSet<WorkOrderContact> WorkOrderContacts => Set<WorkOrderContact>();
    public DbSet<WorkOrderItem> WorkOrderItems => Set<WorkOrderItem>();
    public DbSet<ChecklistItem> ChecklistItems => Set<ChecklistItem>();
    public DbSet<Visit> Visits => Set<Visit>();
    public DbSet<Measurement> Measurements => Set<Measurement>();
    public DbSet<CommissioningTest> CommissioningTests => Set<CommissioningTest>();
    public DbSet<VisitPhoto> VisitPhotos => Set<VisitPhoto>();
    public DbSet<WorkOrderHelper> WorkOrderHelpers => Set<WorkOrderHelper>();
    public DbSet<TechnicianChangeRequest> TechnicianChangeRequests => Set<TechnicianChangeRequest>();
    public DbSet<FitProblem> FitProblems => Set<FitProblem>();
    public DbSet<SupportRequest> SupportRequests => Set<SupportRequest>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<Callback> Callbacks => Set<Callback>();
    public DbSet<ServiceRecord> ServiceRecords => Set<ServiceRecord>();
    public DbSet<RecordLine> RecordLines => Set<RecordLine>();
    public DbSet<RecordAmendment> RecordAmendments => Set<RecordAmendment>();
    public DbSet<RecordSurvey> RecordSurveys => Set<RecordSurvey>();
    public DbSet<RecordAcknowledgement> RecordAcknowledgements => Set<RecordAcknowledgement>();
    public DbSet<RecordLink> RecordLinks => Set<RecordLink>();
    public DbSet<TimeOff> TimeOff => Set<TimeOff>();
    public DbSet<WorkingHours> WorkingHours => Set<WorkingHours>();
    public DbSet<TechnicianSkill> TechnicianSkills => Set<TechnicianSkill>();
    public DbSet<Receipt> Receipts => Set<Receipt>();
    public DbSet<ReceiptLine> ReceiptLines => Set<ReceiptLine>();
    public DbSet<ReceiptCounter> ReceiptCounters => Set<ReceiptCounter>();
    public DbSet<CashHandIn> CashHandIns => Set<CashHandIn>();
    public DbSet<CashHandInReceipt> CashHandInReceipts => Set<CashHandInReceipt>();
    public DbSet<PolicyVersion> PolicyVersions => Set<PolicyVersion>();
    public DbSet<Incident> Incidents => Set<Incident>();
    public DbSet<IncidentFile> IncidentFiles => Set<IncidentFile>();
    public DbSet<MonthClose> MonthCloses => Set<MonthClose>();
    public DbSet<StatementLine> StatementLines => Set<StatementLine>();
    public DbSet<MonthStatement> MonthStatements => Set<MonthStatement>();
    public DbSet<DailyReport> DailyReports => Set<DailyReport>();
    public DbSet<DailyReportEntry> DailyReportEntries => Set<DailyReportEntry>();
    public DbSet<DailyReportJudgement> DailyReportJudgements => Set<DailyReportJudgement>();
    public DbSet<Domain.Attendance.Position> Positions => Set<Domain.Attendance.Position>();
    public DbSet<Domain.Attendance.SpecialCase> SpecialCases => Set<Domain.Attendance.SpecialCase>();
    public DbSet<Domain.Attendance.PhoneEvent> PhoneEvents => Set<Domain.Attendance.PhoneEvent>();
    public DbSet<Domain.Attendance.LocationAnomaly> LocationAnomalies => Set<Domain.Attendance.LocationAnomaly>();
    public DbSet<Domain.Travel.Trip> Trips => Set<Domain.Travel.Trip>();
    public DbSet<Domain.Travel.TripTicket> TripTickets => Set<Domain.Travel.TripTicket>();
    public DbSet<Domain.Travel.TripExpense> TripExpenses => Set<Domain.Travel.TripExpense>();
    public DbSet<Domain.Travel.TripDay> TripDays => Set<Domain.Travel.TripDay>();
    public DbSet<Domain.Travel.TripWorkOrder> TripWorkOrders => Set<Domain.Travel.TripWorkOrder>();
    public DbSet<Domain.Inventory.StockItem> StockItems => Set<Domain.Inventory.StockItem>();
    public DbSet<Domain.Inventory.StockLocation> StockLocations => Set<Domain.Inventory.StockLocation>();
    public DbSet<Domain.Inventory.StockMovement> StockMovements => Set<Domain.Inventory.StockMovement>();
    public DbSet<Domain.Inventory.PartReturn> PartReturns => Set<Domain.Inventory.PartReturn>();
    public DbSet<Domain.Inventory.GoodsCheck> GoodsChecks => Set<Domain.Inventory.GoodsCheck>();
    public DbSet<Domain.Inventory.GoodsCheckLine> GoodsCheckLines => Set<Domain.Inventory.GoodsCheckLine>();
    public DbSet<Domain.Inventory.Stocktake> Stocktakes => Set<Domain.Inventory.Stocktake>();
    public DbSet<Domain.Inventory.StocktakeLine> StocktakeLines => Set<Domain.Inventory.StocktakeLine>();
    public DbSet<Domain.Safety.SafetyAgreement> SafetyAgreements => Set<Domain.Safety.SafetyAgreement>();
    public DbSet<Domain.Safety.PermitTemplate> PermitTemplates => Set<Domain.Safety.PermitTemplate>();
    public DbSet<Domain.Safety.PermitTemplateStep> PermitTemplateSteps => Set<Domain.Safety.PermitTemplateStep>();
    public DbSet<Domain.Safety.PermitToWork> Permits => Set<Domain.Safety.PermitToWork>();
    public DbSet<Domain.Safety.PermitStep> PermitSteps => Set<Domain.Safety.PermitStep>();
    public DbSet<Domain.Safety.SafetyViolation> SafetyViolations => Set<Domain.Safety.SafetyViolation>();
    public DbSet<Domain.People.SalesLead> SalesLeads => Set<Domain.People.SalesLead>();
    public DbSet<Domain.People.PolicyAcknowledgement> PolicyAcknowledgements => Set<Domain.People.PolicyAcknowledgement>();
    public DbSet<Domain.People.SkillLevelChange> SkillLevelChanges => Set<Domain.People.SkillLevelChange>();
    public DbSet<Domain.People.DepositEntry> DepositEntries => Set<Domain.People.DepositEntry>();
    public DbSet<Domain.People.Resignation> Resignations => Set<Domain.People.Resignation>();
    public DbSet<Domain.People.HandoverItem> HandoverItems => Set<Domain.People.HandoverItem>();
    public DbSet<Domain.Dispatch.DispatchProposal> DispatchProposals => Set<Domain.Dispatch.DispatchProposal>();
    public DbSet<Domain.Dispatch.DispatchProposalLine> DispatchProposalLines => Set<Domain.Dispatch.DispatchProposalLine>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Infrastructure.IdempotentRequest> IdempotentRequests => Set<Infrastructure.IdempotentRequest>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public abstract bool IsPostgres { get; }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
        // Every editable record, children of an aggregate included, is saved only over the version it was read at: two people
        // (or two instances) saving the same row get a conflict, never a lost update. Append-only rows are never updated anyway.
        foreach (var type in builder.Model.GetEntityTypes().Where(t => typeof(Domain.Entity).IsAssignableFrom(t.ClrType)).ToList())
            builder.Entity(type.ClrType).Property(nameof(Domain.Entity.Version)).IsConcurrencyToken();
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored by name: readable in SQL, and safe when members are reordered.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<decimal>().HavePrecision(18, 2);
    }

    /// <summary>
    /// Audits changes made by set-based statements (<c>ExecuteUpdate</c>), which <see cref="SaveChangesAsync(bool, CancellationToken)"/>
    /// never sees — a close changes thousands of skill levels at once — in the caller's transaction.
    /// </summary>
    internal async Task AuditAsync(IReadOnlyCollection<AuditTrail.Change> changes, CancellationToken cancellationToken)
    {
        if (Database.CurrentTransaction is null) throw new InvalidOperationException("Set-based changes are audited inside their transaction.");
        if (changes.Count == 0) return;
        await AuditTrail.LockChainAsync(this, cancellationToken);
        await LedgerWriter<AuditEntry>.AppendAsync(this, await AuditTrail.ChainAsync(this, changes, actor.Name, clock.GetUtcNow(), cancellationToken),
            cancellationToken);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var key = MarkRequestApplied();
        try
        {
            return await SaveAndAuditAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        finally
        {
            if (key is not null) key.State = EntityState.Detached;
        }
    }

    /// <summary>
    /// A request sent with an idempotency key: its changes and the mark "applied" on its key are written in one transaction,
    /// so after a crash between the commit and the kept answer a retry is known to be a repeat (and not run again), and a
    /// key without the mark is known to have changed nothing.
    /// </summary>
    private Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry<Infrastructure.IdempotentRequest>? MarkRequestApplied()
    {
        if (actor.IdempotentRequestId is not { } id) return null;
        var key = Entry(new Infrastructure.IdempotentRequest { Id = id });
        key.State = EntityState.Unchanged;
        key.Property(r => r.AppliedAt).CurrentValue = clock.GetUtcNow();
        key.Property(r => r.AppliedAt).IsModified = true;
        return key;
    }

    private async Task<int> SaveAndAuditAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken)
    {
        ChangeTracker.DetectChanges();
        var pending = AuditTrail.Collect(ChangeTracker);
        if (pending.Count == 0)
        {
            if (IsPostgres || Database.CurrentTransaction is not null)
                return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            // SQLite: take the write lock at BEGIN (IMMEDIATE), where a busy database is waited for, rather than in the
            // middle of an INSERT … RETURNING, where "database is locked" cannot be waited out.
            await using var transaction = await Database.BeginTransactionAsync(cancellationToken);
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return saved;
        }

        var ownTransaction = Database.CurrentTransaction is null
            ? await Database.BeginTransactionAsync(cancellationToken)
            : null;
        try
        {
            await AuditTrail.LockChainAsync(this, cancellationToken);
            var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            AuditEntries.AddRange(await AuditTrail.ChainAsync(this, pending, actor.Name, clock.GetUtcNow(), cancellationToken));
            await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (ownTransaction is not null) await ownTransaction.CommitAsync(cancellationToken);
            return written;
        }
        finally
        {
            if (ownTransaction is not null) await ownTransaction.DisposeAsync();
        }
    }
}

public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options, AuditActor actor, TimeProvider clock)
    : AppDbContext(options, actor, clock)
{
    public override bool IsPostgres => false;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // SQLite has no date type: instants are stored as UTC ticks, exact and in order, so that queries can
        // compare and sort them (EF refuses to on SQLite's default text form).
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
    }

    private sealed class UtcTicksConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTimeOffset, long>(
        v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        // AUTOINCREMENT only keeps SQLite from reusing the id of a deleted last row, and the ledger refuses deletes (its
        // trigger). It cost every insert an update of sqlite_sequence: about 1 s of a month close's million lines.
        modelBuilder.Entity<StatementLine>().Property(l => l.Id).Metadata.SetValueGenerationStrategy(SqliteValueGenerationStrategy.None);
        // The id is the row itself on SQLite, so its one index is a second one. A close writes person by person, so it
        // grows in runs; one on the incident alone took each line to a random page (~6 s a close).
        modelBuilder.Entity<StatementLine>().HasIndex(l => new { l.StaffId, l.Year, l.Month, l.IncidentId });
    }
}

public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options, AuditActor actor, TimeProvider clock)
    : AppDbContext(options, actor, clock)
{
    public override bool IsPostgres => true;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // timestamptz holds instants in UTC; a time typed with the site's offset (+08:00) is the same instant.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<ToUtcConverter>();
    }

    private sealed class ToUtcConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTimeOffset, DateTimeOffset>(
        v => v.ToUniversalTime(), v => v);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        // The ledger's lines in one B-tree, keyed by the person's month: every index is a second write of each line, and
        // the id's own key and an index on (person, month, incident) cost a close of a million lines 1.5 s of the
        // server's time, against 0.95 s for this one (COPY of the same lines, docs/assessment-benchmark.md). An
        // incident's lines are found among its person's, filtered on the row.
        var line = modelBuilder.Entity<StatementLine>();
        line.HasKey(l => new { l.StaffId, l.Year, l.Month, l.Id });
        line.Property(l => l.Id).ValueGeneratedOnAdd().UseIdentityByDefaultColumn();
    }
}
