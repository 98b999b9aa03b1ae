using AfterSales.Domain;
using AfterSales.Domain.Callbacks;

namespace AfterSales.Tests.Domain;

/// <summary>RPT-4: what a callback must record, and the draw of the sample.</summary>
public sealed class CallbackTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 2, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(20, 19, true)]
    [InlineData(20, 20, false)]
    [InlineData(0, 0, false)]
    [InlineData(100, 99, true)]
    public void The_sample_draws_the_policys_share(int percent, int roll, bool drawn) =>
        Assert.Equal(drawn, new CallbackPolicy { SamplePercent = percent }.Draws(roll));

    [Fact]
    public void A_reached_customer_answers_every_question_and_a_problem_needs_notes()
    {
        var callback = new Callback(1, 1, 7, CallbackReason.Sample, Now);
        Assert.Equal("WorkConfirmed", Assert.Throws<DomainException>(() => callback.Record(Now, 3, CallbackOutcome.Reached, null, 4, true, null)).Field);
        Assert.Equal("ScoreOutOfRange", Assert.Throws<DomainException>(() => callback.Record(Now, 3, CallbackOutcome.Reached, true, 6, true, null)).Code);
        Assert.Equal("CallbackProblemNeedsNotes", Assert.Throws<DomainException>(() => callback.Record(Now, 3, CallbackOutcome.Reached, false, 3, true, " ")).Code);
        Assert.Equal(0, callback.Attempts);

        callback.Record(Now, 3, CallbackOutcome.NoAnswer, true, 5, true, null);
        Assert.False(callback.IsDone);
        Assert.Null(callback.AttitudeScore); // answers of a call that reached nobody are not kept
        callback.Record(Now.AddHours(1), 3, CallbackOutcome.Reached, true, 5, true, null);
        Assert.True(callback.IsDone);
        Assert.Equal(2, callback.Attempts);
        Assert.Equal("CallbackAlreadyDone", Assert.Throws<ConflictException>(() => callback.Record(Now, 3, CallbackOutcome.Reached, true, 1, true, null)).Code);
    }
}
