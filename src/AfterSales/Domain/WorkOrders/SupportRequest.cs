namespace AfterSales.Domain.WorkOrders;

public enum SupportKind
{
    /// <summary>现场电话请求技术指导: someone tells the technician on the phone what to do.</summary>
    Guidance,
    /// <summary>技术支援: someone must come to the site.</summary>
    Support,
}

public enum SupportState
{
    Open,
    Answered,
    Closed,
    Cancelled,
}

/// <summary>
/// A problem the technician on site cannot solve alone (WO-9): a question to technical support or a colleague,
/// tracked until it is answered and the raiser (or a manager) closes it. A support request also carries the
/// time the helper agreed to come.
/// </summary>
public class SupportRequest : Entity
{
    public const int MaxQuestionLength = 500;
    public const int MaxAnswerLength = 800;

    private SupportRequest() { }

    public SupportRequest(int workOrderId, SupportKind kind, string question, int raisedById, DateTimeOffset raisedAt, int? assignedToId)
    {
        WorkOrderId = workOrderId;
        Kind = kind;
        Question = Limit(Guard.Required(question, nameof(Question)), MaxQuestionLength, nameof(Question));
        RaisedById = raisedById;
        RaisedAt = raisedAt;
        if (assignedToId == raisedById) throw new DomainException("SupportCannotAssignSelf") { Field = nameof(AssignedToId) };
        AssignedToId = assignedToId;
        State = SupportState.Open;
    }

    public int WorkOrderId { get; private set; }
    public SupportKind Kind { get; private set; }
    public string Question { get; private set; } = "";
    public int RaisedById { get; private set; }
    public DateTimeOffset RaisedAt { get; private set; }
    public SupportState State { get; private set; }
    /// <summary>Who is asked: a technical-support engineer or a colleague; none means whoever in technical support takes it.</summary>
    public int? AssignedToId { get; private set; }
    public string? Answer { get; private set; }
    public int? AnsweredById { get; private set; }
    public DateTimeOffset? AnsweredAt { get; private set; }
    /// <summary>For a support request: when the helper will be on site.</summary>
    public DateTimeOffset? SupportVisitAt { get; private set; }
    public int? ClosedById { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public string? CancelReason { get; private set; }

    public bool IsOpen => State == SupportState.Open;

    public void Respond(string answer, int answeredById, DateTimeOffset at, DateTimeOffset? supportVisitAt)
    {
        Require(nameof(Respond), SupportState.Open);
        var text = Limit(Guard.Required(answer, nameof(Answer)), MaxAnswerLength, nameof(Answer));
        if (Kind == SupportKind.Support && supportVisitAt is null)
            throw new DomainException("SupportVisitTimeRequired") { Field = nameof(SupportVisitAt) };
        Answer = text;
        AnsweredById = answeredById;
        AnsweredAt = at;
        SupportVisitAt = Kind == SupportKind.Support ? supportVisitAt : null;
        State = SupportState.Answered;
    }

    /// <summary>The problem is solved: only the one who asked, or a manager, says so.</summary>
    public void Close(int byId, bool byManager, DateTimeOffset at)
    {
        Require(nameof(Close), SupportState.Answered);
        if (byId != RaisedById && !byManager) throw new ForbiddenException("SupportOnlyRaiserOrManager");
        ClosedById = byId;
        ClosedAt = at;
        State = SupportState.Closed;
    }

    /// <summary>The question is withdrawn before anyone answered (solved alone, or asked by mistake).</summary>
    public void Cancel(int byId, bool byManager, DateTimeOffset at, string? reason)
    {
        Require(nameof(Cancel), SupportState.Open);
        if (byId != RaisedById && !byManager) throw new ForbiddenException("SupportOnlyRaiserOrManager");
        ClosedById = byId;
        ClosedAt = at;
        CancelReason = Guard.Optional(reason) is { } r ? Limit(r, 500, nameof(CancelReason)) : null;
        State = SupportState.Cancelled;
    }

    private void Require(string verb, SupportState allowed)
    {
        if (State != allowed) throw new SupportTransitionException(verb, State);
    }

    private static string Limit(string text, int max, string field) =>
        text.Length > max ? throw new DomainException("TextTooLong", max) { Field = field } : text;
}

/// <summary>A verb the request's state does not allow: a 409 naming the verb and the state in the user's language.</summary>
public sealed class SupportTransitionException(string verb, SupportState state)
    : ConflictException("SupportIllegalTransition", new LocalizedArgument($"SupportVerb.{verb}"), new LocalizedArgument($"SupportState.{state}"));
