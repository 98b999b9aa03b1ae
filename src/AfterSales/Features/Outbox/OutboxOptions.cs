namespace AfterSales.Features.Outbox;

public enum SenderKind
{
    /// <summary>Only record the message as sent (no gateway).</summary>
    Record,
    /// <summary>POST it to an HTTP SMS gateway.</summary>
    Http,
}

/// <summary>Configuration section <c>Outbox</c>.</summary>
public sealed class OutboxOptions
{
    public SenderKind Sender { get; set; } = SenderKind.Record;

    /// <summary>How often the background dispatcher looks for due messages; 0 or less turns it off.</summary>
    public int IntervalSeconds { get; set; } = 10;

    /// <summary>Attempts before a message is given up as failed (an administrator can send it again).</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>How long a claimed message is left to its sender before another instance may take it.</summary>
    public int ClaimSeconds { get; set; } = 300;

    /// <summary>At most this many messages in one run; the rest wait for the next.</summary>
    public int BatchSize { get; set; } = 100;

    public HttpSenderOptions Http { get; set; } = new();

    public sealed class HttpSenderOptions
    {
        public string? Url { get; set; }
        /// <summary>Bearer token for the gateway: set it in the environment (Outbox__Http__Token), never in a file in the repository.</summary>
        public string? Token { get; set; }
        public int TimeoutSeconds { get; set; } = 15;
    }
}
