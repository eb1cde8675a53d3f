using Baton.Core.Application;
using Baton.Core.Errors;
using Baton.Core.Interactions;

namespace Baton.Core.Tests.Application;

/// <summary>What a person types for a question, turned into answers keyed by each question's text.</summary>
public sealed class InteractionAnswersTests
{
    private static readonly InteractionRecord TwoQuestions = Question(
        new InteractionQuestion("Which database?", null, [new InteractionOption("PostgreSQL"), new InteractionOption("SQLite")]),
        new InteractionQuestion("Which features?", null, [new InteractionOption("auth"), new InteractionOption("billing"), new InteractionOption("search")], MultiSelect: true),
        new InteractionQuestion("Anything else?", null, []));

    [Fact]
    public void Build_OptionsByQuestionAndTextInOrder_AnswersEveryQuestion()
    {
        var (answers, message) = InteractionAnswers.Build(TwoQuestions, ["no, that is all"], ["2", "2.1", "2.3"]);

        Assert.Null(message);
        Assert.Equal("SQLite", answers["Which database?"]);
        Assert.Equal("auth, search", answers["Which features?"]);
        Assert.Equal("no, that is all", answers["Anything else?"]);
    }

    [Theory]
    [InlineData(new[] { "x" }, new[] { "3" }, "option 3 does not exist: question 1 offers options 1 to 2")]
    [InlineData(new[] { "x" }, new[] { "1", "1.2", "2.1" }, "question 1 ('Which database?') takes one option, not several")]
    [InlineData(new string[0], new[] { "1", "2.1" }, "question 3 ('Anything else?') has no answer")]
    [InlineData(new[] { "x", "y" }, new[] { "1", "2.1" }, "1 answer(s) too many")]
    [InlineData(new[] { "x" }, new[] { "4.1" }, "option 4.1 names question 4; the interaction asks 3 question(s)")]
    [InlineData(new[] { "x" }, new[] { "first" }, "option 'first' is not a number")]
    public void Build_WithWhatDoesNotFit_IsInvalidSayingWhy(string[] texts, string[] options, string message)
    {
        var error = Assert.Throws<BatonException>(() => InteractionAnswers.Build(TwoQuestions, texts, options));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_QuestionWithoutListedQuestions_TakesTheTextAsTheMessage()
    {
        var (answers, message) = InteractionAnswers.Build(Question(), ["use the staging database"], []);

        Assert.Empty(answers);
        Assert.Equal("use the staging database", message);
    }

    [Fact]
    public void Normalize_KeysByNumberAndOptionNumbers_AreTheQuestionsTextAndTheOptionsLabel()
    {
        var answers = InteractionAnswers.Normalize(TwoQuestions, new Dictionary<string, string> { ["1"] = "2", ["Anything else?"] = "no" });

        Assert.Equal("SQLite", answers["Which database?"]);
        Assert.Equal("no", answers["Anything else?"]);
    }

    [Fact]
    public void Normalize_AKeyThatIsNoQuestion_IsInvalidListingHowToKeyAnswers()
    {
        var error = Assert.Throws<BatonException>(() => InteractionAnswers.Normalize(TwoQuestions, new Dictionary<string, string> { ["9"] = "x" }));

        Assert.Contains("answers names '9', which is not one of its 3 question(s)", error.Message, StringComparison.Ordinal);
    }

    private static InteractionRecord Question(params InteractionQuestion[] questions) => new()
    {
        Id = "in_abcdefghijkm",
        Ask = new InteractionAsk { Kind = InteractionKind.Question, Summary = "questions", Questions = questions },
        Status = InteractionStatus.Open,
        TaskId = "abcdefghijkm",
        Fingerprint = "f",
        CreatedAt = DateTimeOffset.UnixEpoch,
    };
}
