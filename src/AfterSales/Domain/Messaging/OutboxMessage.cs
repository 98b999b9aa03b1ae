namespace AfterSales.Domain.Messaging;

/// <summary>Who a message is for: the sender may treat them differently (a customer gets an SMS, staff may get the app too).</summary>
public enum RecipientKind
{
    Customer,
    Staff,
    Store,
}

public enum OutboxState
{
    Pending,
    Sent,
    /// <summary>Every attempt failed; an administrator may retry it.</summary>
    Failed,
}

/// <summary>
/// One message the system owes someone outside the page they are on: the customer told that goods are on the
/// way (VIS-2), the store told its product does not fit (WO-6), a manager asked to approve a change (WO-4).
/// It is written in the same transaction as the change that caused it, so a change is never made without its
/// message, and sent afterwards by whatever sender is configured.
/// </summary>
public class OutboxMessage : Entity
{
    public const int MaxBodyLength = 1000;

    /// <summary>A body cut to what a message holds: a text built from what people typed may be longer.</summary>
    public static string Fit(string body) => body.Length > MaxBodyLength ? body[..MaxBodyLength] : body;

    private OutboxMessage() { }

    public OutboxMessage(RecipientKind recipientKind, string recipientName, string phone, string topic, string body, DateTimeOffset createdAt,
        string? relatedType = null, int? relatedId = null)
    {
        RecipientKind = recipientKind;
        RecipientName = Guard.Required(recipientName, nameof(RecipientName));
        Phone = Guard.Required(phone, nameof(Phone));
        Topic = Guard.Required(topic, nameof(Topic));
        Body = Guard.Required(body, nameof(Body));
        if (Body.Length > MaxBodyLength) throw new DomainException("TextTooLong", MaxBodyLength) { Field = nameof(Body) };
        CreatedAt = createdAt;
        NextAttemptAt = createdAt;
        RelatedType = relatedType;
        RelatedId = relatedId;
        State = OutboxState.Pending;
    }

    public RecipientKind RecipientKind { get; private set; }
    public string RecipientName { get; private set; } = "";
    /// <summary>Mobile or landline number the message goes to.</summary>
    public string Phone { get; private set; } = "";
    /// <summary>What the message is about, as a code (e.g. "GoodsOnTheWay"); lets an administrator filter.</summary>
    public string Topic { get; private set; } = "";
    public string Body { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    /// <summary>The record that caused the message, e.g. ("WorkOrder", 12).</summary>
    public string? RelatedType { get; private set; }
    public int? RelatedId { get; private set; }

    public OutboxState State { get; private set; }
    public int Attempts { get; private set; }
    public DateTimeOffset NextAttemptAt { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }
    public string? LastError { get; private set; }

    /// <summary>
    /// One sender takes the message: it is not due again until <paramref name="until"/>, so another instance's
    /// dispatcher passes it by; if the sender dies mid-way, the message is due again after that.
    /// </summary>
    public void Claim(DateTimeOffset until)
    {
        if (State != OutboxState.Pending) throw new ConflictException("OnlyPendingMessagesSend");
        NextAttemptAt = until;
    }

    public void MarkSent(DateTimeOffset at)
    {
        Attempts++;
        State = OutboxState.Sent;
        SentAt = at;
        LastError = null;
    }

    /// <summary>A failed attempt is retried later, waiting longer each time, until <paramref name="maxAttempts"/>.</summary>
    public void MarkFailed(DateTimeOffset at, string error, int maxAttempts)
    {
        Attempts++;
        LastError = error.Length > 500 ? error[..500] : error;
        if (Attempts >= maxAttempts) State = OutboxState.Failed;
        else NextAttemptAt = at + TimeSpan.FromMinutes(Math.Pow(2, Attempts));
    }

    /// <summary>An administrator sends a failed message again.</summary>
    public void Retry(DateTimeOffset at)
    {
        if (State != OutboxState.Failed) throw new ConflictException("OnlyFailedMessagesRetry");
        State = OutboxState.Pending;
        Attempts = 0;
        NextAttemptAt = at;
    }
}
