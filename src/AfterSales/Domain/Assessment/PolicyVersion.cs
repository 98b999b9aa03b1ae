namespace AfterSales.Domain.Assessment;

public enum PolicyVersionState
{
    Draft,
    Submitted,
    Approved,
    Rejected,
}

/// <summary>
/// A version of the assessment policy (POL-1): written as a draft, submitted, and approved by the general manager
/// (总经理签字确认) with the date it takes effect; from then on it never changes. A rejected version stays as it was
/// written; the next draft starts from it.
/// </summary>
public class PolicyVersion : Entity
{
    private PolicyVersion() { }

    public PolicyVersion(int number, string text, int authorId, DateTimeOffset at)
    {
        Number = number;
        AuthorId = authorId;
        CreatedAt = at;
        State = PolicyVersionState.Draft;
        Edit(text);
    }

    public int Number { get; private set; }
    public string Name { get; private set; } = "";
    public string Text { get; private set; } = "";
    public PolicyVersionState State { get; private set; }
    public int AuthorId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? SubmittedAt { get; private set; }
    public int? DecidedById { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public string? DecisionNote { get; private set; }

    /// <summary>The first local day the version is in force.</summary>
    public DateOnly? EffectiveFrom { get; private set; }

    /// <summary>How lines name the version that produced them.</summary>
    public string Label => Number.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public PolicyDocument Document() => PolicyDocument.Parse(Text).Document
        ?? throw new DomainException("PolicyInvalid", "", "") { Field = nameof(Text) };

    /// <summary>A draft takes only a document that passes every check.</summary>
    public void Edit(string text)
    {
        Require(PolicyVersionState.Draft);
        var check = PolicyDocument.Parse(text);
        if (check.Document is null)
        {
            var first = check.Errors[0];
            throw new DomainException("PolicyInvalid", first.Path, new LocalizedArgument(first.Code)) { Field = nameof(Text) };
        }
        Text = text;
        Name = check.Document.Name.Trim();
    }

    public void Submit(DateTimeOffset at)
    {
        Require(PolicyVersionState.Draft);
        State = PolicyVersionState.Submitted;
        SubmittedAt = at;
    }

    /// <summary>The general manager's approval, from a day not in the past: what was judged already stays judged.</summary>
    public void Approve(int generalManagerId, DateTimeOffset at, DateOnly effectiveFrom, DateOnly today)
    {
        Require(PolicyVersionState.Submitted);
        if (effectiveFrom < today) throw new DomainException("PolicyEffectiveInPast") { Field = nameof(EffectiveFrom) };
        State = PolicyVersionState.Approved;
        DecidedById = generalManagerId;
        DecidedAt = at;
        EffectiveFrom = effectiveFrom;
    }

    public void Reject(int generalManagerId, DateTimeOffset at, string? note)
    {
        Require(PolicyVersionState.Submitted);
        State = PolicyVersionState.Rejected;
        DecidedById = generalManagerId;
        DecidedAt = at;
        DecisionNote = Guard.Required(note, nameof(DecisionNote));
    }

    private void Require(PolicyVersionState state)
    {
        if (State != state) throw new ConflictException("PolicyVersionState", new LocalizedArgument($"PolicyState.{State}"));
    }
}
